import { pino } from 'pino';
import pretty from 'pino-pretty';

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

const options = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: REDACT, censor: '[redacted]' },
  base: undefined,
};

/**
 * A person at a terminal reads lines ("12:03:04 INFO: listening"); a collector reads JSON, one
 * object per line. LOG_FORMAT=json or =pretty overrides the guess. Synchronous, so the last
 * lines before a crash are not lost.
 */
function readableByAPerson(): boolean {
  const chosen = process.env.LOG_FORMAT;
  return chosen === 'pretty' || (chosen !== 'json' && process.stdout.isTTY === true);
}

export const logger = readableByAPerson()
  ? pino(options, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }))
  : pino(options);

export type Logger = typeof logger;
