import type { LogConnector, LogLevel } from 'sip.js';

/**
 * The logger the softphone writes to. Object first, message second: the shape of pino's
 * methods, so the console can pass a pino (or pino/browser) child logger as it is, and also
 * the shape `console` accepts.
 */
export interface SoftphoneLogger {
  debug(context: Record<string, unknown>, message: string): void;
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export const silentLogger: SoftphoneLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/**
 * Hands sip.js's own log lines to our logger. sip.js's "log" level carries every SIP message
 * when tracing, far too chatty for info, so it lands on debug.
 */
export function sipLogConnector(logger: SoftphoneLogger): LogConnector {
  return (level: LogLevel, category: string, label: string | undefined, content: string) => {
    const context = label === undefined ? { sip: category } : { sip: category, label };
    switch (level) {
      case 'error':
        logger.error(context, content);
        return;
      case 'warn':
        logger.warn(context, content);
        return;
      case 'log':
      case 'debug':
        logger.debug(context, content);
        return;
    }
  };
}

/** A log-friendly one-liner for an unknown failure. */
export function describeError(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  return error instanceof Error ? error.message : String(error);
}
