// What someone searched for (a caller's number, a name typed into a search box) is personal
// data, and the audit log keeps entries for years. It keeps a keyed hash of the term instead
// (HMAC-SHA256): an admin asking "who looked up this number" hashes the number the same way
// and finds the entries, while a copy of the database alone cannot turn a hash back into a
// number by trying every number (the key is not in the database).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from './phone-number.js';

export class SearchTermHasher {
  readonly #key: Buffer;
  constructor(
    key: Buffer,
    private readonly defaultRegion: CountryCode,
  ) {
    this.#key = Buffer.from(key);
  }

  /**
   * The one hash of a term. A phone number in any written form hashes as its E.164 form, so a
   * look-up of "138-0013-8000" and a search for "+86 138 0013 8000" are found together; other
   * text hashes in one spelling (Unicode NFKC, spaces collapsed, lower case).
   */
  hash(term: string): string {
    const e164 = normalizePhone(term, this.defaultRegion);
    const canonical = e164 ? `phone:${e164}` : `text:${term.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`;
    return crypto.createHmac('sha256', this.#key).update(canonical, 'utf8').digest('hex');
  }
}

/**
 * The key from the environment, else from its key file, written with a new random key on the
 * first start (readable by kefu's user only). Servers sharing a database must be given the
 * same key (KEFU_AUDIT_HASH_KEY, or the same file).
 */
export async function loadSearchHashKey(c: { auditHashKey: Buffer | null; auditHashKeyFile: string }): Promise<{ key: Buffer; created: boolean }> {
  if (c.auditHashKey) return { key: c.auditHashKey, created: false };
  try {
    return { key: parseKeyFile(await fs.readFile(c.auditHashKeyFile, 'utf8'), c.auditHashKeyFile), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = crypto.randomBytes(32);
  await fs.mkdir(path.dirname(c.auditHashKeyFile), { recursive: true });
  try {
    await fs.writeFile(c.auditHashKeyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another server on the same directory wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { key: parseKeyFile(await fs.readFile(c.auditHashKeyFile, 'utf8'), c.auditHashKeyFile), created: false };
  }
  return { key, created: true };
}

function parseKeyFile(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^([0-9a-f]{2}){32,}$/i.test(hex)) throw new Error(`${file} must hold a key of at least 32 bytes in hex`);
  return Buffer.from(hex, 'hex');
}
