import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, FieldCipherError, sealedKeyId } from './field-cipher.js';
import { Keyring } from './keyring.js';
import { SensitiveFields } from './sensitive-fields.js';
import { keyedHash } from '../keyed-hash.js';

const key = () => crypto.randomBytes(32);

function failure(f: () => unknown): FieldCipherError {
  try {
    f();
  } catch (err) {
    if (err instanceof FieldCipherError) return err;
    throw err;
  }
  throw new Error('did not fail');
}

describe('the field cipher', () => {
  it('seals a value so the database holds no clear text, and opens it again', () => {
    const c = new FieldCipher(new Keyring([key()]));
    const sealed = c.seal('customers.address', '上海市浦东新区 88号');
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{16}:[A-Za-z0-9_-]+$/);
    // Neither in the text nor in the sealed bytes (a check for a short piece such as "88" would
    // fail now and then: the random key id and ciphertext contain it by chance).
    expect(sealed).not.toContain('上海');
    expect(Buffer.from(sealed.split(':')[3]!, 'base64url').includes(Buffer.from('上海市浦东新区 88号'))).toBe(false);
    expect(c.open('customers.address', sealed)).toBe('上海市浦东新区 88号');
    // A fresh nonce each time: equal values do not look equal in the database.
    expect(c.seal('customers.address', 'x')).not.toBe(c.seal('customers.address', 'x'));
  });

  it('refuses a changed value', () => {
    const c = new FieldCipher(new Keyring([key()]));
    const sealed = c.seal('interactions.notes', 'Customer asked for a refund');
    const body = Buffer.from(sealed.split(':')[3]!, 'base64url');
    body[20]! ^= 1;
    const tampered = sealed.split(':').slice(0, 3).join(':') + ':' + body.toString('base64url');
    expect(failure(() => c.open('interactions.notes', tampered)).failure).toBe('damaged');
    expect(failure(() => c.open('interactions.notes', sealed.slice(0, -4))).failure).toBe('damaged');
  });

  it('refuses a value moved into another field', () => {
    const c = new FieldCipher(new Keyring([key()]));
    const sealed = c.seal('customers.email', 'a@example.com');
    expect(failure(() => c.open('customers.address', sealed)).failure).toBe('damaged');
  });

  it('does not open with a wrong key, and says which key is missing', () => {
    const sealed = new FieldCipher(new Keyring([key()])).seal('customers.email', 'a@example.com');
    const err = failure(() => new FieldCipher(new Keyring([key()])).open('customers.email', sealed));
    expect(err.failure).toBe('unknown-key');
    expect(err.message).toContain(sealedKeyId(sealed)!);
    expect(err.message).not.toContain('a@example.com');
  });

  it('after a rotation seals with the new key and still opens what the old key sealed', () => {
    const oldKey = key();
    const newKey = key();
    const before = new FieldCipher(new Keyring([oldKey]));
    const sealed = before.seal('customers.email', 'a@example.com');
    const after = new FieldCipher(new Keyring([newKey, oldKey]));
    expect(after.open('customers.email', sealed)).toBe('a@example.com');
    expect(after.needsSealing(sealed)).toBe(true);
    const resealed = after.seal('customers.email', 'a@example.com');
    expect(sealedKeyId(resealed)).toBe(after.currentKeyId);
    expect(after.needsSealing(resealed)).toBe(false);
    expect(new FieldCipher(new Keyring([newKey])).open('customers.email', resealed)).toBe('a@example.com');
  });

  it('passes clear text written before encryption through, and marks it for sealing', () => {
    const c = new FieldCipher(new Keyring([key()]));
    expect(c.open('interactions.notes', 'old note')).toBe('old note');
    expect(c.needsSealing('old note')).toBe(true);
  });
});

describe('the sensitive fields', () => {
  it('index an email however it was typed, without revealing it', () => {
    const f = new SensitiveFields(new Keyring([key()]), keyedHash(key()));
    const a = f.blindIndex('customers.email', ' Zhang.Wei@Example.CN ');
    expect(a).toBe(f.blindIndex('customers.email', 'zhang.wei@example.cn'));
    expect(a).not.toContain('zhang');
    expect(f.blindIndex('customers.address', 'x')).toBeNull();
    expect(f.open('customers.email', f.seal('customers.email', null))).toBeNull();
  });
});
