import type { ZodType, ZodTypeDef } from 'zod';
import type { Ack, Locale } from '../../../../contract/index.js';
import { DomainError, unauditedRefusal } from '../domain-error.js';
import { localizeMessage } from '../i18n/localize.js';
import type { Logger } from '../logger.js';
import { msg } from '../i18n/message.js';

/** What every command of one socket shares: its logger, and the language its user reads. */
export interface CommandContext {
  log: Logger;
  /** Read at answer time: the user may have saved another language since connecting. */
  locale: () => Locale;
  /** Writes a refusal no service audited to the audit log, before the answer goes out. */
  refused?: (err: DomainError) => Promise<void>;
}

/**
 * Wraps a socket command: validates the payload, runs the handler, and always answers the ack
 * with `{ok:true,data}` or `{ok:false,error}`; a bug becomes INTERNAL, logged, never a crash.
 */
export function command<P, R>(
  schema: ZodType<P, ZodTypeDef, unknown>,
  ctx: CommandContext,
  handler: (payload: P) => Promise<R> | R,
) {
  return async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return; // commands without an ack come from a broken client
    const reply = ack as (res: Ack<R>) => void;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || 'payload').join(', ');
      return reply({ ok: false, error: { code: 'VALIDATION', message: localizeMessage(msg('request.invalidPayload', { fields }), ctx.locale()) } });
    }
    try {
      reply({ ok: true, data: await handler(parsed.data) });
    } catch (err) {
      if (unauditedRefusal(err) && ctx.refused) {
        await ctx.refused(err).catch((auditErr: unknown) => ctx.log.error({ err: auditErr }, 'could not audit a refusal'));
      }
      if (err instanceof DomainError) return reply({ ok: false, error: { code: err.code, message: localizeMessage(err.messageKey, ctx.locale()) } });
      ctx.log.error({ err }, 'socket command failed');
      reply({ ok: false, error: { code: 'INTERNAL', message: localizeMessage(msg('request.internal'), ctx.locale()) } });
    }
  };
}
