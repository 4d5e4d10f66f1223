// The environment is parsed once, at start-up, and every bad key is reported together.
import path from 'node:path';
import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { parseOriginList } from './http/origin-policy.js';
import { canonicalTimeZone } from './time-zone.js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const PG_MEMORY = /^(\d{1,9})\s*(kB|MB|GB|TB)$/i;
const MEMORY_UNITS_KB = { KB: 1, MB: 1024, GB: 1024 ** 2, TB: 1024 ** 3 } as const;

/**
 * A PostgreSQL memory size with its unit ("256MB", "1GB"), written back in the spelling
 * PostgreSQL accepts (its units are case-sensitive: kB, MB, GB, TB). A bare number would mean
 * 8 kB pages to PostgreSQL, which nobody means, so a unit is required.
 */
const pgMemory = (minKb: number) =>
  z
    .string()
    .regex(PG_MEMORY, 'must be a size with a unit, e.g. 256MB or 1GB')
    .transform((v) => {
      const [, n, unit] = PG_MEMORY.exec(v)!;
      const upper = unit!.toUpperCase() as keyof typeof MEMORY_UNITS_KB;
      return { text: `${Number(n)}${upper === 'KB' ? 'kB' : upper}`, kb: Number(n) * MEMORY_UNITS_KB[upper] };
    })
    .refine((v) => v.kb >= minKb, `must be at least ${minKb}kB`)
    .transform((v) => v.text);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  KEFU_SERVER_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 letters, digits or . _ : -, e.g. kefu-a')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KEFU_DATA_DIR: z.string().min(1).default('./.kefu'),
  KEFU_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  // Unset: sized from the machine's memory when the embedded PostgreSQL starts (embedded-memory.ts).
  KEFU_EMBEDDED_PG_SHARED_BUFFERS: pgMemory(128).optional(),
  KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE: pgMemory(8).optional(),
  // Connections kept open even when idle, so the first screen-pop after a quiet spell does not
  // pay for connecting and authenticating.
  KEFU_DB_POOL_MIN: z.coerce.number().int().min(0).max(100).default(2),
  KEFU_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // The call log's own connections: its writes never take one the screen-pop needs, and a burst
  // of reads (reports, lists) never holds up an agent's state or a call's row.
  KEFU_DB_CALL_LOG_POOL_MAX: z.coerce.number().int().min(1).max(50).default(3),
  KEFU_DEMO: bool.optional(),
  KEFU_DEFAULT_REGION: z
    .string()
    .default('CN')
    .refine((v) => isSupportedCountry(v), 'must be an ISO 3166 country code libphonenumber knows, e.g. CN'),
  KEFU_SESSION_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  KEFU_ADMIN_USERNAME: z.string().min(3).max(64).optional(),
  KEFU_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  KEFU_CONSOLE_DIR: z.string().default('./console/dist'),
  KEFU_SIP_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name, e.g. kefu.example.com')
    .max(253)
    .default('kefu.local'),
  KEFU_SIP_WS_URL: z.string().regex(/^wss?:\/\/[^\s/]+/i, 'must be a ws:// or wss:// URL').optional(),
  KEFU_SIP_ALLOWED_ORIGINS: z
    .string()
    .transform((v, ctx) => {
      const list = parseOriginList(v);
      if (!list.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: list.error });
      return list.ok ? list.origins : z.NEVER;
    })
    .optional(),
  // The contact center's own zone: business hours, holidays and "due today" are read in it.
  KEFU_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((v) => canonicalTimeZone(v) !== null, 'must be an IANA time zone, e.g. Asia/Shanghai'),
  // How often the SLA sweep looks for cases turning at risk or breached.
  KEFU_SLA_SWEEP_SECONDS: z.coerce.number().min(0.2).max(3600).default(30),
  // The key of the audit log's search hashes: 32 bytes or more, hex or base64. Servers sharing a
  // database must share it, or a number searched on one is not found by a search on another.
  KEFU_AUDIT_HASH_KEY: z
    .string()
    .transform((v, ctx) => {
      const key = /^[0-9a-f]+$/i.test(v) && v.length % 2 === 0 ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
      if (key.length < 32) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be at least 32 bytes, written in hex (64 digits) or base64' });
      return key;
    })
    .optional(),
  KEFU_AUDIT_HASH_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  /** This server's name among those sharing the database; null: host name and port. */
  serverId: string | null;
  publicUrl: string | null;
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  /**
   * shared_buffers and effective_cache_size of the embedded PostgreSQL, in PostgreSQL's spelling
   * (e.g. "256MB"); null: sized from the machine's memory (embedded-memory.ts).
   */
  embeddedPgSharedBuffers: string | null;
  embeddedPgEffectiveCacheSize: string | null;
  /** Size of the database connection pool; `min` connections are opened at start and kept. */
  dbPool: { min: number; max: number };
  /** Connections of the call log's own pool (its writes and the agent state history). */
  callLogPoolMax: number;
  demo: boolean;
  defaultRegion: CountryCode;
  sessionTtlMs: number;
  /** Secret: never logged (see logger redaction). */
  bootstrapAdmin: { username: string; password: string } | null;
  consoleDir: string;
  /** The SIP domain: of the built-in switch, or of the external SIP server when one is set. */
  sipDomain: string;
  /**
   * An external SIP server's WebSocket URL (e.g. Kamailio). Softphones register there instead
   * of at the built-in switch; the screen-pop then follows the caller id on the INVITE.
   */
  sipWsUrl: string | null;
  /**
   * Web pages (origins) allowed to open the built-in switch's WebSocket; null: the server's
   * own pages (the host the browser addressed, and PUBLIC_URL's origin).
   */
  sipAllowedOrigins: readonly string[] | null;
  logLevel: string;
  secureCookies: boolean;
  /** IANA zone of business hours when no calendar is stored. */
  timeZone: string;
  slaSweepMs: number;
  /**
   * Secret: never logged. The key of the audit log's search hashes, from KEFU_AUDIT_HASH_KEY;
   * null: read from `auditHashKeyFile` (made on first start when it does not exist).
   */
  auditHashKey: Buffer | null;
  auditHashKeyFile: string;
}>;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable (FOO= in an env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.KEFU_ADMIN_USERNAME === undefined) !== (e.KEFU_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid environment:\n  KEFU_ADMIN_USERNAME and KEFU_ADMIN_PASSWORD must be set together');
  }
  if (e.KEFU_DB_POOL_MIN > e.KEFU_DB_POOL_MAX) {
    throw new ConfigError('Invalid environment:\n  KEFU_DB_POOL_MIN must not be larger than KEFU_DB_POOL_MAX');
  }
  return Object.freeze({
    port: e.PORT,
    serverId: e.KEFU_SERVER_ID ?? null,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? null,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.KEFU_DATA_DIR),
    embeddedPgPort: e.KEFU_EMBEDDED_PG_PORT,
    embeddedPgSharedBuffers: e.KEFU_EMBEDDED_PG_SHARED_BUFFERS ?? null,
    embeddedPgEffectiveCacheSize: e.KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE ?? null,
    dbPool: Object.freeze({ min: e.KEFU_DB_POOL_MIN, max: e.KEFU_DB_POOL_MAX }),
    callLogPoolMax: e.KEFU_DB_CALL_LOG_POOL_MAX,
    // The embedded database is the demo set-up; a real server is production unless asked.
    demo: e.KEFU_DEMO ?? e.DATABASE_URL === undefined,
    defaultRegion: e.KEFU_DEFAULT_REGION as CountryCode,
    sessionTtlMs: e.KEFU_SESSION_HOURS * 3600_000,
    bootstrapAdmin:
      e.KEFU_ADMIN_USERNAME && e.KEFU_ADMIN_PASSWORD
        ? { username: e.KEFU_ADMIN_USERNAME, password: e.KEFU_ADMIN_PASSWORD }
        : null,
    consoleDir: path.resolve(e.KEFU_CONSOLE_DIR),
    sipDomain: e.KEFU_SIP_DOMAIN,
    sipWsUrl: e.KEFU_SIP_WS_URL ?? null,
    sipAllowedOrigins: e.KEFU_SIP_ALLOWED_ORIGINS ? Object.freeze(e.KEFU_SIP_ALLOWED_ORIGINS) : null,
    logLevel: e.LOG_LEVEL,
    secureCookies: (e.PUBLIC_URL ?? '').startsWith('https:'),
    timeZone: canonicalTimeZone(e.KEFU_TIME_ZONE)!,
    slaSweepMs: Math.round(e.KEFU_SLA_SWEEP_SECONDS * 1000),
    auditHashKey: e.KEFU_AUDIT_HASH_KEY ?? null,
    auditHashKeyFile: path.resolve(e.KEFU_AUDIT_HASH_KEY_FILE ?? path.join(e.KEFU_DATA_DIR, 'audit-hash.key')),
  });
}
