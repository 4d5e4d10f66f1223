// The two commands that seal the sensitive fields in place (platform/crypto/reseal-fields.ts),
// on the configured database (DATABASE_URL or the embedded one), also while kefu runs on it:
//   `npm run encrypt-data`  seals what is still in clear (the server also does this at start)
//   `npm run rotate-key`    re-seals everything not under the current key: put the new key first
//                           in KEFU_DATA_KEY_FILE (the old one under it), run this, then restart
//                           the servers; once it reports nothing left, the old key may go.
// Both work in batches, may be stopped and run again (they resume where the data stands), and
// print how many values of each field they sealed.
import fs from 'node:fs';
import { ConfigError, parseConfig } from '../platform/config.js';
import { KeyringError, loadKeyring } from '../platform/crypto/keyring.js';
import { FieldCipherError } from '../platform/crypto/field-cipher.js';
import { SensitiveFields } from '../platform/crypto/sensitive-fields.js';
import type { ResealMode } from '../platform/crypto/reseal-fields.js';
import { keyedHash } from '../platform/keyed-hash.js';
import { loadHashKey } from '../platform/hash-key.js';
import { logger } from '../platform/logger.js';
import { openDatabase } from '../platform/db/open-database.js';
import { dataKeySource } from '../backups/data-key-source.js';
import { sealSensitiveData } from '../compose-services.js';

export async function runSealing(mode: ResealMode, name: string): Promise<void> {
  let code = 0;
  try {
    const config = parseConfig({ ...process.env, KEFU_ADMIN_USERNAME: undefined, KEFU_ADMIN_PASSWORD: undefined });
    const log = logger.child({ module: name });
    log.level = 'warn';
    // Never makes a key: a key made here would seal data the server cannot open.
    const source = dataKeySource(config);
    const { keyring } = loadKeyring({ ...source, generateAt: source.generateAt && fs.existsSync(source.generateAt) ? source.generateAt : null });
    const fields = new SensitiveFields(keyring, keyedHash(loadHashKey(config.hashKey, config.dataDir)));
    const database = await openDatabase({ ...config, dbPool: { min: 0, max: 2 } }, log);
    try {
      process.stderr.write(`${name}: sealing under data key ${keyring.current.id}\n`);
      const counts = await sealSensitiveData(database.db, fields, mode, (field, done) => process.stderr.write(`\r${field}: ${done}   `));
      process.stderr.write('\n');
      for (const [field, n] of Object.entries(counts)) process.stdout.write(`${field}: ${n} sealed\n`);
      process.stdout.write(`${Object.values(counts).reduce((a, b) => a + b, 0)} values sealed under data key ${keyring.current.id}.\n`);
    } finally {
      await database.close();
    }
  } catch (err) {
    const known = err instanceof KeyringError || err instanceof ConfigError || err instanceof FieldCipherError;
    process.stderr.write(`${name} failed: ${known ? (err as Error).message : String((err as Error).stack ?? err)}\n`);
    code = known ? 2 : 1;
  }
  process.exit(code);
}
