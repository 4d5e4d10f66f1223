import path from 'node:path';
import type { Config } from '../platform/config.js';
import type { KeySource } from '../platform/crypto/keyring.js';

/**
 * Where the data key comes from. Without KEFU_DATA_KEY or KEFU_DATA_KEY_FILE, the demo set-up
 * makes one in its data directory (mode 0600) and says so; anywhere else kefu refuses to back
 * up, because a key made silently beside the database is lost with the machine, and every
 * backup with it.
 */
export function dataKeySource(config: Pick<Config, 'dataKey' | 'dataKeyFile' | 'demo' | 'dataDir'>): KeySource {
  return {
    dataKey: config.dataKey,
    dataKeyFile: config.dataKeyFile,
    generateAt: config.demo ? path.join(config.dataDir, 'data-key') : null,
  };
}
