// The environment is parsed once, at start-up, and every bad key is reported together.
import path from 'node:path';
import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KEFU_DATA_DIR: z.string().min(1).default('./.kefu'),
  KEFU_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  publicUrl: string | null;
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
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
  logLevel: string;
  secureCookies: boolean;
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
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? null,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.KEFU_DATA_DIR),
    embeddedPgPort: e.KEFU_EMBEDDED_PG_PORT,
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
    logLevel: e.LOG_LEVEL,
    secureCookies: (e.PUBLIC_URL ?? '').startsWith('https:'),
  });
}
