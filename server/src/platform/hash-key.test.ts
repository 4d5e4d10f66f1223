import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { HASH_KEY_FILE, loadHashKey } from './hash-key.js';

describe('the keyed-hash key', () => {
  it('is made once in the data directory, readable by its owner only, and read back the same', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hk-')), 'data');
    const first = loadHashKey(null, dir);
    expect(first.length).toBe(32);
    expect(statSync(path.join(dir, HASH_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadHashKey(null, dir).equals(first)).toBe(true);
    expect(readFileSync(path.join(dir, HASH_KEY_FILE), 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('comes from KEFU_HASH_KEY when set, as hex or base64 of 32 bytes or more, and a short one is refused by name', () => {
    const hex = 'ab'.repeat(32);
    expect(parseConfig({ KEFU_HASH_KEY: hex }).hashKey!.equals(Buffer.from(hex, 'hex'))).toBe(true);
    const b64 = Buffer.alloc(40, 9).toString('base64');
    expect(parseConfig({ KEFU_HASH_KEY: b64 }).hashKey!.length).toBe(40);
    expect(() => parseConfig({ KEFU_HASH_KEY: 'short' })).toThrow(/KEFU_HASH_KEY/);
    expect(parseConfig({}).hashKey).toBeNull();
    expect(loadHashKey(Buffer.from(hex, 'hex'), '/nonexistent').toString('hex')).toBe(hex);
  });
});
