// `npm run restore -- FILE [--force]`: restores a backup into the configured database
// (DATABASE_URL or the embedded one, with kefu stopped), which must be empty unless --force.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '../platform/config.js';
import { KeyringError, loadKeyring } from '../platform/crypto/keyring.js';
import { logger } from '../platform/logger.js';
import { BackupError } from '../backups/backup-error.js';
import { restoreBackup } from '../backups/data/backup-file.js';
import { dataKeySource } from '../backups/data-key-source.js';
import { databaseForTool } from './database-for-tool.js';

const USAGE = 'usage: npm run restore -- FILE [--force]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  logger.level = 'warn';
  // Restoring makes no key: a backup can only be opened with the key it was made with.
  const source = dataKeySource(config);
  const { keyring } = loadKeyring({ ...source, generateAt: source.generateAt && fs.existsSync(source.generateAt) ? source.generateAt : null });
  const database = await databaseForTool(config, logger, { joinRunning: false });
  try {
    const started = Date.now();
    await restoreBackup({ file: positionals[0]!, url: database.url, keyring, pgBinDir: config.pgBinDir, force: values.force });
    process.stdout.write(`Restored ${positionals[0]} in ${((Date.now() - started) / 1000).toFixed(1)} s. Start kefu (npm start) to bring the schema up to this version.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as Error;
    const known = err instanceof BackupError || err instanceof KeyringError || err instanceof ConfigError || e.name === 'RestoreRefused' || /^(Wrong key|.* (is not a kefu backup|cannot be trusted)|pg_restore failed)/.test(e.message);
    process.stderr.write(`restore failed: ${known ? e.message : String(e.stack ?? e)}\n`);
    process.exit(known ? 2 : 1);
  },
);
