// `npm run backup`: writes one encrypted backup of the configured database (DATABASE_URL or the
// embedded one, also while kefu runs on it) into KEFU_BACKUP_DIR and prints its path.
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '../platform/config.js';
import { KeyringError, loadKeyring } from '../platform/crypto/keyring.js';
import { logger } from '../platform/logger.js';
import { BackupError } from '../backups/backup-error.js';
import { writeBackup } from '../backups/data/backup-file.js';
import { dataKeySource } from '../backups/data-key-source.js';
import { databaseForTool } from './database-for-tool.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } }, strict: true, allowPositionals: false });
  const config = parseConfig(process.env);
  logger.level = 'warn';
  const { keyring, generated } = loadKeyring(dataKeySource(config));
  if (generated) process.stderr.write(`Made a data key for the demo in ${generated} (readable by you only). Keep a copy of it away from the backups: without it they cannot be restored.\n`);
  const database = await databaseForTool(config, logger, { joinRunning: true });
  try {
    const started = Date.now();
    const written = await writeBackup({ url: database.url, dir: values.dir ?? config.backup.dir, keyring, pgBinDir: config.pgBinDir, at: new Date() });
    process.stderr.write(`Backed up with pg_dump ${written.dumpMajor} (PostgreSQL ${written.serverMajor}), data key ${written.keyId}: ${(written.bytes / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    process.stdout.write(`${written.file}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof BackupError || err instanceof KeyringError || err instanceof ConfigError;
    process.stderr.write(`backup failed: ${known ? (err as Error).message : String((err as Error).stack ?? err)}\n`);
    process.exit(known ? 2 : 1);
  },
);
