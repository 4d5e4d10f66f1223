// The database settings the benchmark runs with: the server's own (KEFU_DB_POOL_MIN/MAX,
// KEFU_EMBEDDED_PG_SHARED_BUFFERS, KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE, else sized from the
// machine's memory), read and checked by the server's config parser, so the numbers describe
// what a deployment with the same environment gets.
import { parseConfig } from '../../server/src/platform/config.js';
import { embeddedMemory, machineMemoryBytes, type EmbeddedMemory } from '../../server/src/platform/db/embedded-memory.js';

export interface DbSettings {
  pool: { min: number; max: number };
  callLogPoolMax: number;
  /** Applies to the embedded PostgreSQL only; a DATABASE_URL server keeps its own. */
  memory: EmbeddedMemory;
}

const KEYS = ['KEFU_DB_POOL_MIN', 'KEFU_DB_POOL_MAX', 'KEFU_DB_CALL_LOG_POOL_MAX', 'KEFU_EMBEDDED_PG_SHARED_BUFFERS', 'KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE'] as const;

export function dbSettings(env: NodeJS.ProcessEnv = process.env): DbSettings {
  // Only these keys: a PORT or HOST meant for something else must not stop the benchmark.
  const config = parseConfig(Object.fromEntries(KEYS.map((k) => [k, env[k]])));
  const memory = embeddedMemory(
    { sharedBuffers: config.embeddedPgSharedBuffers, effectiveCacheSize: config.embeddedPgEffectiveCacheSize },
    machineMemoryBytes(),
  );
  return { pool: { ...config.dbPool }, callLogPoolMax: config.callLogPoolMax, memory };
}
