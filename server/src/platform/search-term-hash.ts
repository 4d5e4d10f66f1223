// What someone searched for (a caller's number, a name typed into a search box) is personal
// data, and the audit log keeps entries for years. It keeps a keyed hash of the term instead
// (HMAC-SHA256): an admin asking "who looked up this number" hashes the number the same way
// and finds the entries, while a copy of the database alone cannot turn a hash back into a
// number by trying every number (the key is not in the database: KEFU_HASH_KEY or its file,
// see hash-key.ts).
import type { CountryCode } from 'libphonenumber-js';
import { keyedHash, type KeyedHash } from './keyed-hash.js';
import { normalizePhone } from './phone-number.js';

export class SearchTermHasher {
  readonly #hash: KeyedHash;
  constructor(
    key: Buffer,
    private readonly defaultRegion: CountryCode,
  ) {
    this.#hash = keyedHash(key);
  }

  /**
   * The one hash of a term. A phone number in any written form hashes as its E.164 form, so a
   * look-up of "138-0013-8000" and a search for "+86 138 0013 8000" are found together; other
   * text hashes in one spelling (Unicode NFKC, spaces collapsed, lower case).
   */
  hash(term: string): string {
    const e164 = normalizePhone(term, this.defaultRegion);
    const canonical = e164 ? `phone:${e164}` : `text:${term.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`;
    return this.#hash(canonical);
  }
}
