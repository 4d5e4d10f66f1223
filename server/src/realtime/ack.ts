import type { ZodType, ZodTypeDef } from 'zod';
import type { Ack } from '../../contract/index.js';
import { DomainError } from '../domain/domain-error.js';
import type { Logger } from '../logger.js';

/**
 * Wraps a socket command: validates the payload, runs the handler, and always answers the ack
 * with `{ok:true,data}` or `{ok:false,error}`; a bug becomes INTERNAL, logged, never a crash.
 */
export function command<P, R>(
  schema: ZodType<P, ZodTypeDef, unknown>,
  log: Logger,
  handler: (payload: P) => Promise<R> | R,
) {
  return async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return; // commands without an ack come from a broken client
    const reply = ack as (res: Ack<R>) => void;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || 'payload').join(', ');
      return reply({ ok: false, error: { code: 'VALIDATION', message: `Invalid: ${fields}` } });
    }
    try {
      reply({ ok: true, data: await handler(parsed.data) });
    } catch (err) {
      if (err instanceof DomainError) return reply({ ok: false, error: { code: err.code, message: err.message } });
      log.error({ err }, 'socket command failed');
      reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
    }
  };
}
