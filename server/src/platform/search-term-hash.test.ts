import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SearchTermHasher } from './search-term-hash.js';

const key = crypto.randomBytes(32);
const hasher = new SearchTermHasher(key, 'CN');

describe('SearchTermHasher', () => {
  it('hashes a phone number the same in every written form, and never as the number itself', () => {
    const forms = ['138 0013 8000', '+86 138-0013-8000', '008613800138000', 'tel:+8613800138000', '13800138000'];
    const hashes = new Set(forms.map((f) => hasher.hash(f)));
    expect(hashes.size).toBe(1);
    const [h] = hashes;
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('13800138000');
    expect(hasher.hash('139 1234 5678')).not.toBe(h);
  });

  it('hashes text in one spelling: case, surrounding and repeated spaces, full-width letters', () => {
    expect(hasher.hash('  Emily   Chan ')).toBe(hasher.hash('emily chan'));
    expect(hasher.hash('ＥＭＩＬＹ')).toBe(hasher.hash('emily'));
    expect(hasher.hash('刘')).not.toBe(hasher.hash('刘洋'));
  });

  it('depends on the key, so the hash of a guessed number cannot be made without it', () => {
    expect(new SearchTermHasher(crypto.randomBytes(32), 'CN').hash('13800138000')).not.toBe(hasher.hash('13800138000'));
  });
});
