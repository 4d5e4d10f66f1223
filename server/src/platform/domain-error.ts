import type { ErrorCode, FieldError } from '../../../contract/index.js';
import { english, msg, type Message, type MessageKey, type MessageParams } from './i18n/message.js';

/**
 * A field error that also carries its message's code, so it is put into the viewer's language
 * by code. `message` is the English, which the logs and the tests read.
 */
export interface KeyedFieldError extends FieldError {
  readonly messageKey?: Message;
}

/** An expected outcome a user can cause. Anything else that is thrown is a bug. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The code and params the message is written from; `message` is its English. */
    readonly messageKey: Message,
    /** Field errors from the contract's zod schemas have English text only, no code yet. */
    readonly fields?: KeyedFieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(english(messageKey));
    this.name = 'DomainError';
  }

  /**
   * Set once a refusal is in the audit log (services that audit their own refusals, with the
   * entity, mark it), so the edge audits every other refusal exactly once.
   */
  audited = false;

  markAudited(): this {
    this.audited = true;
    return this;
  }
}

/** A refusal the edge must still write to the audit log. */
export const unauditedRefusal = (err: unknown): err is DomainError => err instanceof DomainError && err.code === 'FORBIDDEN' && !err.audited;

/** A field error whose message is written from a code. */
export const fieldError = (field: string, key: MessageKey, params?: MessageParams): KeyedFieldError => {
  const messageKey = msg(key, params);
  // Not enumerable: the field error stays `{field, message}` wherever it is compared or sent.
  return Object.defineProperty({ field, message: english(messageKey) }, 'messageKey', { value: messageKey, enumerable: false });
};

export const forbidden = (message: Message = msg('access.forbidden')) => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', msg('entity.notFound', { what }));
export const invalid = (fields: KeyedFieldError[]) =>
  new DomainError('VALIDATION', msg('request.invalidInput', { fields: fields.map((f) => f.field).join(', ') }), fields);
