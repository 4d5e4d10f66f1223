// The keyed-hash key: KEFU_HASH_KEY when set, else a random key kept in a file in the data
// directory (made once, readable by the owner only). Servers sharing one database must share the
// key (set KEFU_HASH_KEY on each), so that one number gives one token everywhere.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashKeyBytes } from './config.js';

export const HASH_KEY_FILE = 'hash.key';

export function loadHashKey(configured: Buffer | null, dataDir: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, HASH_KEY_FILE);
  try {
    const key = hashKeyBytes(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a key of 32 bytes or more`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': two servers starting at once on one directory never overwrite each other's key.
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return loadHashKey(null, dataDir);
  }
}
