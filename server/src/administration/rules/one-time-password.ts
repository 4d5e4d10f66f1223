// One-time passwords an admin reads out or sends: no look-alike characters (0/O, 1/l/I), long
// enough that a guess within the sign-in throttle is hopeless (~71 bits).
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 12;

export function oneTimePassword(): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
