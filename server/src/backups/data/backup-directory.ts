// The backup directory as the running server uses it: write a backup with the configured key,
// and delete the oldest beyond the number kept.
import fs from 'node:fs';
import path from 'node:path';
import { KeyringError, loadKeyring, NO_KEY_HELP, type KeySource, type Keyring } from '../../platform/crypto/keyring.js';
import { backupError } from '../backup-error.js';
import { backupsToDelete } from '../rules/backup-files.js';
import { writeBackup, type BackupWritten } from './backup-file.js';

/** The configured keys, or the reason there are none as a backup error (shown to admins). */
export function backupKeyring(source: KeySource): { keyring: Keyring; generated: string | null } {
  try {
    return loadKeyring(source);
  } catch (err) {
    if (!(err instanceof KeyringError)) throw err;
    throw err.message === NO_KEY_HELP ? backupError('backup.noDataKey') : backupError('backup.badDataKey', { detail: err.message });
  }
}

export function backupDirectory(o: { url: string; dir: string; keys: KeySource; pgBinDir: string | null }) {
  return {
    dump: (at: Date): Promise<BackupWritten> => writeBackup({ url: o.url, dir: o.dir, keyring: backupKeyring(o.keys).keyring, pgBinDir: o.pgBinDir, at }),
    async prune(keep: number): Promise<string[]> {
      const doomed = backupsToDelete(await fs.promises.readdir(o.dir), keep);
      for (const name of doomed) await fs.promises.rm(path.join(o.dir, name), { force: true });
      return doomed;
    },
  };
}
