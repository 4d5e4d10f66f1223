import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/domain-error.js';
import { decodeCursor, encodeCursor } from './customer.service.js';

describe('history cursor', () => {
  it('round-trips a position in the history', () => {
    const c = { startedAt: new Date('2026-11-01T08:30:00.123Z'), id: 4711 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it.each(['', 'garbage', Buffer.from('yesterday|1').toString('base64url'), Buffer.from('2026-01-01T00:00:00Z|-3').toString('base64url')])(
    'refuses a cursor it did not give out: %j',
    (s) => {
      expect(() => decodeCursor(s)).toThrow(DomainError);
    },
  );
});
