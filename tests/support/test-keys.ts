// Data keys for tests that build repositories by hand: random, for this process only.
import { randomBytes } from 'node:crypto';
import { Keyring } from '../../server/src/platform/crypto/keyring.js';
import { SensitiveFields } from '../../server/src/platform/crypto/sensitive-fields.js';
import { keyedHash } from '../../server/src/platform/keyed-hash.js';

export function testSensitiveFields(keyring = new Keyring([randomBytes(32)])): SensitiveFields {
  return new SensitiveFields(keyring, keyedHash(randomBytes(32)));
}
