// A keyed hash (HMAC-SHA-256) for values that must be matched but never read back: the tokens an
// erased customer's phone numbers become, and searched numbers and text in the audit log.
// Without the key a number cannot be found by hashing every possible number.
import { createHmac } from 'node:crypto';

export type KeyedHash = (value: string) => string;

export function keyedHash(key: Buffer): KeyedHash {
  if (key.length < 32) throw new Error('A hash key needs at least 32 bytes');
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
