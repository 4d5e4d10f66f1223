import { pino } from 'pino';

// Secrets and personal data that must never reach a log line.
const REDACT = [
  'password',
  '*.password',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'bootstrapAdmin',
  '*.bootstrapAdmin',
  'databaseUrl',
  '*.databaseUrl',
  'redisUrl',
  '*.redisUrl',
  'dataKey',
  '*.dataKey',
  'hashKey',
  '*.hashKey',
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: REDACT, censor: '[redacted]' },
  base: undefined,
});

export type Logger = typeof logger;
