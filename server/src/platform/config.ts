// The environment is parsed once, at start-up, and every bad key is reported together.
import path from 'node:path';
import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { parseOriginList } from './http/origin-policy.js';
import { canonicalTimeZone } from './time-zone.js';
import { decodeKey } from './crypto/keyring.js';
import { TIME_OF_DAY } from './time-of-day.js';
import { DEFAULT_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS } from '../../../contract/audit.js';

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

/** `host:port` with an IP address (IPv6 in brackets), e.g. `127.0.0.1:5060`. */
const HOST_PORT = /^(?:\[([0-9a-f:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/i;
export interface HostPort {
  readonly host: string;
  readonly port: number;
}
const hostPort = (example: string) =>
  z.string().transform((v, ctx) => {
    const m = HOST_PORT.exec(v.trim());
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535 || (m[2] !== undefined && m[2].split('.').some((o) => Number(o) > 255))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an IP address and port, e.g. ${example}` });
      return z.NEVER;
    }
    return Object.freeze({ host: m[1] ?? m[2]!, port });
  });

const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

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
  // Several servers on one database share their consoles through Redis (the Socket.IO adapter).
  KEFU_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
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
  // Secret: the data key that encrypts backups (base64 of 32 bytes); or a file of keys.
  KEFU_DATA_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, 'must be a base64 key of 32 bytes, e.g. from `openssl rand -base64 32`')
    .optional(),
  KEFU_DATA_KEY_FILE: z.string().min(1).optional(),
  KEFU_BACKUP_DIR: z.string().min(1).optional(),
  // The daily backup's time of day in KEFU_TIME_ZONE, or off.
  KEFU_BACKUP_TIME: z
    .string()
    .default('03:00')
    .refine((v) => v === 'off' || TIME_OF_DAY.test(v), 'must be a time of day HH:MM (24-hour), e.g. 03:00, or off'),
  KEFU_BACKUP_KEEP: z.coerce.number().int().min(1).max(366).default(7),
  // How long audit entries are kept, in days (PIPL, GDPR): older ones go in the daily retention
  // run or an admin's purge. At least a year, since the log is also the evidence of access.
  KEFU_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(MIN_AUDIT_RETENTION_DAYS).max(36_500).default(DEFAULT_AUDIT_RETENTION_DAYS),
  // Where pg_dump and pg_restore of the database's major version are, when not found by themselves.
  KEFU_PG_BIN_DIR: z.string().min(1).optional(),
  // The key of the keyed hashes (erased numbers' tokens, searches in the audit log): 32+ bytes as
  // base64 or hex. Unset: a key file in KEFU_DATA_DIR, made at first start.
  KEFU_HASH_KEY: z
    .string()
    .refine((v) => hashKeyBytes(v) !== null, 'must be at least 32 bytes, written as hex or base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  // The media plane: rtpengine started by kefu when installed ('auto'), or never ('off').
  KEFU_RTPENGINE: z.enum(['auto', 'off']).default('auto'),
  // An external rtpengine's ng address (udp://host:port or host:port); nothing is started then.
  KEFU_RTPENGINE_URL: z
    .string()
    .transform((v) => v.replace(/^udp:\/\//i, ''))
    .pipe(hostPort('udp://127.0.0.1:2223'))
    .optional(),
  KEFU_RTPENGINE_NG_PORT: z.coerce.number().int().min(1024).max(65535).default(22223),
  // How often a phone-line caller waiting in a queue hears their place in it (seconds; 0: never).
  KEFU_QUEUE_POSITION_EVERY: z.coerce.number().int().min(0).max(3600).default(30),
  // The prompts' language; unset: 简体中文 when the default region is CN, else English.
  KEFU_PROMPT_LANGUAGE: z.enum(['en', 'zh-CN']).optional(),
  // The embedded rtpengine's RTP ports; a bridged phone call takes three.
  KEFU_RTPENGINE_PORTS: z
    .string()
    .default('30000-30999')
    .transform((v, ctx) => {
      const m = PORT_RANGE.exec(v.trim());
      const min = Number(m?.[1]);
      const max = Number(m?.[2]);
      if (!m || min < 1024 || max > 65535 || max - min < 10) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a range of at least 10 ports above 1023, e.g. 30000-30999' });
        return z.NEVER;
      }
      return Object.freeze({ min, max });
    }),
  // Plain SIP listeners beside the WebSocket (phones, carriers): host:port each.
  KEFU_SIP_UDP: hostPort('127.0.0.1:5060').optional(),
  KEFU_SIP_TCP: hostPort('127.0.0.1:5060').optional(),
  // One carrier trunk: its address is the only source whose calls come in without credentials.
  KEFU_TRUNK_ADDRESS: hostPort('192.0.2.10:5060').optional(),
  KEFU_TRUNK_TRANSPORT: z.enum(['udp', 'tcp']).default('udp'),
  // Which monitoring modes supervisors may use (admins: all), and whether agents see a monitor.
  KEFU_MONITOR_SUPERVISOR_MODES: z
    .string()
    .transform((v) => v.split(',').map((m) => m.trim()).filter((m) => m !== ''))
    .pipe(z.array(z.enum(['listen', 'whisper', 'barge'])))
    .optional(),
  KEFU_MONITOR_AGENT_SEES: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Read by the logger itself (it exists before the configuration); checked here with the rest.
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  NODE_ENV: z.string().default('development'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  /** This server's name among those sharing the database; null: host name and port. */
  serverId: string | null;
  publicUrl: string | null;
  databaseUrl: string | null;
  /** Redis for sharing consoles between servers (Socket.IO adapter); null: this server's own only. */
  redisUrl: string | null;
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
  /** Secret: never logged (see logger redaction). KEFU_DATA_KEY, base64. */
  dataKey: string | null;
  dataKeyFile: string | null;
  /** The daily backup: directory, time of day (HH:MM in timeZone; null: off), copies kept. */
  backup: Readonly<{ dir: string; time: string | null; keep: number }>;
  /** Days audit entries are kept (KEFU_AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
  /** A directory with pg_dump and pg_restore, searched first. */
  pgBinDir: string | null;
  /** Secret: never logged. The keyed-hash key from KEFU_HASH_KEY, or null for the key file. */
  hashKey: Buffer | null;
  /** The media plane (rtpengine): whether to use one, an external one's ng address, the embedded one's ports. */
  media: Readonly<{
    mode: 'auto' | 'off';
    externalNg: HostPort | null;
    ngPort: number;
    ports: Readonly<{ min: number; max: number }>;
    /** What queued phone-line callers hear: their place every so often, in which language. */
    announcements: Readonly<{ positionEverySeconds: number; language: 'en' | 'zh-CN' }>;
  }>;
  /** Plain SIP listeners; null: off. */
  sipUdp: HostPort | null;
  sipTcp: HostPort | null;
  /** The carrier trunk from the environment; null: none. */
  trunk: Readonly<{ address: HostPort; transport: 'udp' | 'tcp' }> | null;
  /** Listen, whisper, barge: the modes supervisors may use, and whether agents see who monitors. */
  monitoring: Readonly<{ supervisorModes: readonly ('listen' | 'whisper' | 'barge')[]; agentSeesMonitoring: boolean }>;
}>;

/** A key written as hex or base64, when it has at least 32 bytes. */
export function hashKeyBytes(text: string): Buffer | null {
  const t = text.trim();
  const bytes = /^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]+=*$/.test(t) ? Buffer.from(t, 'base64') : null;
  return bytes && bytes.length >= 32 ? bytes : null;
}

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
  if (e.KEFU_TRUNK_ADDRESS && !(e.KEFU_TRUNK_TRANSPORT === 'udp' ? e.KEFU_SIP_UDP : e.KEFU_SIP_TCP)) {
    const listener = e.KEFU_TRUNK_TRANSPORT === 'udp' ? 'KEFU_SIP_UDP' : 'KEFU_SIP_TCP';
    throw new ConfigError(`Invalid environment:\n  KEFU_TRUNK_ADDRESS needs ${listener}: the trunk's calls arrive on that listener`);
  }
  return Object.freeze({
    port: e.PORT,
    serverId: e.KEFU_SERVER_ID ?? null,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? null,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.KEFU_REDIS_URL ?? null,
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
    dataKey: e.KEFU_DATA_KEY ?? null,
    dataKeyFile: e.KEFU_DATA_KEY_FILE ? path.resolve(e.KEFU_DATA_KEY_FILE) : null,
    backup: Object.freeze({
      dir: path.resolve(e.KEFU_BACKUP_DIR ?? path.join(e.KEFU_DATA_DIR, 'backups')),
      time: e.KEFU_BACKUP_TIME === 'off' ? null : e.KEFU_BACKUP_TIME,
      keep: e.KEFU_BACKUP_KEEP,
    }),
    pgBinDir: e.KEFU_PG_BIN_DIR ? path.resolve(e.KEFU_PG_BIN_DIR) : null,
    auditRetentionDays: e.KEFU_AUDIT_RETENTION_DAYS,
    hashKey: e.KEFU_HASH_KEY ? hashKeyBytes(e.KEFU_HASH_KEY) : null,
    monitoring: Object.freeze({
      supervisorModes: Object.freeze(e.KEFU_MONITOR_SUPERVISOR_MODES ?? (['listen', 'whisper', 'barge'] as const)),
      agentSeesMonitoring: e.KEFU_MONITOR_AGENT_SEES ?? true,
    }),
    media: Object.freeze({
      mode: e.KEFU_RTPENGINE,
      externalNg: e.KEFU_RTPENGINE_URL ?? null,
      ngPort: e.KEFU_RTPENGINE_NG_PORT,
      ports: e.KEFU_RTPENGINE_PORTS,
      announcements: Object.freeze({
        positionEverySeconds: e.KEFU_QUEUE_POSITION_EVERY,
        language: e.KEFU_PROMPT_LANGUAGE ?? (e.KEFU_DEFAULT_REGION === 'CN' ? 'zh-CN' : 'en'),
      }),
    }),
    sipUdp: e.KEFU_SIP_UDP ?? null,
    sipTcp: e.KEFU_SIP_TCP ?? null,
    trunk: e.KEFU_TRUNK_ADDRESS ? Object.freeze({ address: e.KEFU_TRUNK_ADDRESS, transport: e.KEFU_TRUNK_TRANSPORT }) : null,
  });
}
