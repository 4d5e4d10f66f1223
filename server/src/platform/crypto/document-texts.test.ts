import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.js';
import { keyedHash } from '../keyed-hash.js';
import { SensitiveFields } from './sensitive-fields.js';

const fields = new SensitiveFields(new Keyring([crypto.randomBytes(32)]), keyedHash(crypto.randomBytes(32)));

describe('a case event sealed at rest', () => {
  const event = {
    action: 'resolve',
    from: 'open',
    to: 'resolved',
    note: 'Her son Bartholomew called',
    taskId: 4,
    changes: { priority: { from: 'P3', to: 'P1' }, description: { from: 'lives at 1 Road', to: null }, tags: { from: ['vip'], to: [] } },
  };

  it('seals every free text and keeps the facts, numbers and shape readable', () => {
    const sealed = fields.sealDocument('case_events.detail', event);
    expect(sealed).toMatchObject({ action: 'resolve', from: 'open', to: 'resolved', taskId: 4, changes: { priority: { from: 'P3', to: 'P1' }, description: { to: null } } });
    expect(sealed.note).toMatch(/^enc:v1:/);
    expect(sealed.changes.description.from).toMatch(/^enc:v1:/);
    expect(sealed.changes.tags.from[0]).toMatch(/^enc:v1:/);
    expect(JSON.stringify(sealed)).not.toMatch(/Bartholomew|Road|vip/);
    expect(fields.openDocument('case_events.detail', sealed)).toEqual(event);
  });

  it('leaves erasure’s marker clear, and a text sealed for another field does not open here', () => {
    expect(fields.sealDocument('case_events.detail', { text: '[redacted]' }, ['[redacted]'])).toEqual({ text: '[redacted]' });
    const elsewhere = { text: fields.seal('interactions.notes', 'moved') };
    expect(() => fields.openDocument('case_events.detail', elsewhere)).toThrow(/does not open/);
  });
});
