// The database settings the benchmark runs with: the server's own (KEFU_DB_POOL_MIN/MAX,
// KEFU_EMBEDDED_PG_SHARED_BUFFERS), read and checked by the server's config parser, so the
// numbers describe what a deployment with the same environment gets.
import { parseConfig } from '../../server/src/platform/config.js';

export interface DbSettings {
  pool: { min: number; max: number };
  /** Applies to the embedded PostgreSQL only; a DATABASE_URL server keeps its own. */
  sharedBuffers: string;
}

const KEYS = ['KEFU_DB_POOL_MIN', 'KEFU_DB_POOL_MAX', 'KEFU_EMBEDDED_PG_SHARED_BUFFERS'] as const;

export function dbSettings(env: NodeJS.ProcessEnv = process.env): DbSettings {
  // Only these keys: a PORT or HOST meant for something else must not stop the benchmark.
  const config = parseConfig(Object.fromEntries(KEYS.map((k) => [k, env[k]])));
  return { pool: { ...config.dbPool }, sharedBuffers: config.embeddedPgSharedBuffers };
}
