import { describe, expect, it } from 'vitest';
import { computeHa1Set } from '../auth/digest.js';
import { InMemorySipAccountDirectory } from './sip-account-directory.js';

describe('InMemorySipAccountDirectory', () => {
  it('issues random passwords and keeps only their HA1, old ones valid until revoked', () => {
    const revoked: number[] = [];
    const dir = new InMemorySipAccountDirectory('kefu.test', (id) => revoked.push(id));
    const first = dir.issue({ username: '1001', userId: 7, displayName: 'A' });
    const second = dir.issue({ username: '1001', userId: 7, displayName: 'A' });
    expect(first.password).not.toBe(second.password);
    expect(first.password.length).toBeGreaterThanOrEqual(20);
    expect(dir.secretsOf('1001')).toEqual([computeHa1Set('1001', 'kefu.test', first.password), computeHa1Set('1001', 'kefu.test', second.password)]);
    expect(JSON.stringify(dir.find('1001'))).not.toContain(first.password);
    dir.revokeUser(7);
    expect(dir.secretsOf('1001')).toBeUndefined();
    expect(revoked).toEqual([7]);
  });

  it('drops old passwords when a username moves to another user, and refuses odd usernames', () => {
    const dir = new InMemorySipAccountDirectory('kefu.test');
    dir.issue({ username: '1001', userId: 7, displayName: 'A' });
    dir.issue({ username: '1001', userId: 8, displayName: 'B' });
    expect(dir.secretsOf('1001')).toHaveLength(1);
    expect(() => dir.issue({ username: 'a b', userId: 1, displayName: 'x' })).toThrow();
    expect(() => dir.issue({ username: 'a@b', userId: 1, displayName: 'x' })).toThrow();
  });
});
