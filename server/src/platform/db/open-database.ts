import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDb, warmPool, type Db } from './database.js';
import { startEmbeddedPostgres } from './embedded.js';
import { embeddedMemory, machineMemoryBytes } from './embedded-memory.js';
import { migrateLatest } from './migrate.js';

export interface OpenDatabase {
  db: Db;
  /** The call log's own pool on the same database (see KEFU_DB_CALL_LOG_POOL_MAX). */
  callLogDb: Db;
  embedded: boolean;
  close(): Promise<void>;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under KEFU_DATA_DIR; migrated, pool warm. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'embeddedPgSharedBuffers' | 'embeddedPgEffectiveCacheSize' | 'dbPool' | 'callLogPoolMax'>,
  log: Logger,
): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const memory = embeddedMemory(
      { sharedBuffers: config.embeddedPgSharedBuffers, effectiveCacheSize: config.embeddedPgEffectiveCacheSize },
      machineMemoryBytes(),
    );
    log.info(
      { dataDir: config.dataDir, sharedBuffers: memory.sharedBuffers, effectiveCacheSize: memory.effectiveCacheSize, sizedFromMemory: memory.sized },
      'starting the embedded PostgreSQL',
    );
    const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log, {
      sharedBuffers: memory.sharedBuffers,
      effectiveCacheSize: memory.effectiveCacheSize,
    });
    url = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  const db = createDb(url, config.dbPool.max, config.dbPool.min);
  const callLogDb = createDb(url, config.callLogPoolMax, 1);
  const close = async () => {
    await callLogDb.destroy().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    if (stopEmbedded) await stopEmbedded();
  };
  try {
    const applied = await migrateLatest(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    await warmPool(db, config.dbPool.min);
    await warmPool(callLogDb, 1);
  } catch (err) {
    await close();
    throw new Error(`Cannot prepare the database: ${(err as Error).message}`);
  }
  return { db, callLogDb, embedded: stopEmbedded !== null, close };
}
