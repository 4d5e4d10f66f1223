// One text value sealed with AES-256-GCM under the data keyring (keyring.ts), stored in the
// value's own column as text:
//
//   enc:v1:<key id, 16 hex>:<base64url of nonce (12 bytes) | ciphertext | tag (16 bytes)>
//
// The key id travels with each value, so after a rotation (new key first in the key file) old
// values still open with the older key and `npm run rotate-key` can find what to re-seal.
// Fields use their own key, HKDF(data key, "kefu field cipher"), apart from the backups' keys.
// The field's name ("customers.email") is the associated data: a value copied into another
// column does not open there. A random nonce per value: fine far below 2^32 values per key.
//
// A value without the prefix is clear text written before encryption was turned on; it is
// returned as it is, and `npm run encrypt-data` seals it.
import crypto from 'node:crypto';
import type { DataKey, Keyring } from './keyring.js';

export const SEALED_PREFIX = 'enc:v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^enc:v1:([0-9a-f]{16}):([A-Za-z0-9_-]+)$/;

export type FieldCipherFailure = 'unknown-key' | 'damaged';

export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError';
  constructor(
    readonly failure: FieldCipherFailure,
    message: string,
  ) {
    super(message);
  }
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The id of the key a stored value was sealed with; null for clear text. */
export function sealedKeyId(value: string): string | null {
  return SEALED.exec(value)?.[1] ?? null;
}

export class FieldCipher {
  private readonly fieldKeys = new Map<string, Buffer>();

  constructor(private readonly keyring: Keyring) {}

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.keyring.current.id;
  }

  seal(field: string, plain: string): string {
    const key = this.keyring.current;
    const nonce = crypto.randomBytes(NONCE_BYTES);
    const c = crypto.createCipheriv('aes-256-gcm', this.fieldKey(key), nonce);
    c.setAAD(Buffer.from(field, 'utf8'));
    const body = Buffer.concat([nonce, c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
    return `${SEALED_PREFIX}${key.id}:${body.toString('base64url')}`;
  }

  /** The clear text of a stored value; clear text passes through. Throws when it cannot open. */
  open(field: string, stored: string): string {
    if (!isSealed(stored)) return stored;
    const m = SEALED.exec(stored);
    if (!m) throw new FieldCipherError('damaged', `A sealed value of ${field} is not well formed`);
    const key = this.keyring.find(m[1]!);
    if (!key) {
      throw new FieldCipherError(
        'unknown-key',
        `A value of ${field} was sealed with data key ${m[1]}, which is not among the configured keys (${this.keyring.ids.join(', ')}). ` +
          'Put that key back in KEFU_DATA_KEY_FILE, under the current one.',
      );
    }
    const body = Buffer.from(m[2]!, 'base64url');
    if (body.length < NONCE_BYTES + TAG_BYTES) throw new FieldCipherError('damaged', `A sealed value of ${field} is cut short`);
    const d = crypto.createDecipheriv('aes-256-gcm', this.fieldKey(key), body.subarray(0, NONCE_BYTES));
    d.setAAD(Buffer.from(field, 'utf8'));
    d.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([d.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)), d.final()]).toString('utf8');
    } catch {
      throw new FieldCipherError('damaged', `A sealed value of ${field} does not open with data key ${key.id}: changed, or moved from another field`);
    }
  }

  /** True when the stored value is clear text or sealed under an older key. */
  needsSealing(stored: string): boolean {
    return sealedKeyId(stored) !== this.keyring.current.id;
  }

  private fieldKey(key: DataKey): Buffer {
    let k = this.fieldKeys.get(key.id);
    if (!k) {
      k = Buffer.from(crypto.hkdfSync('sha256', key.key, Buffer.alloc(0), 'kefu field cipher', 32));
      this.fieldKeys.set(key.id, k);
    }
    return k;
  }
}
