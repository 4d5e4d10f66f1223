import { randomFillSync } from 'node:crypto';

// Tags, branches and Call-IDs are drawn many times per call: one kernel call per 4 KiB of
// randomness instead of one per value. Same CSPRNG, same unpredictability.
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

/** `bytes` random bytes from the CSPRNG, as lower-case hex. */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > pool.length) throw new RangeError('bytes must be 1..4096');
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes; // each byte is handed out once
  return hex;
}
