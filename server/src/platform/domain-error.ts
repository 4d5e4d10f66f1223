import type { ErrorCode, FieldError } from '../../../contract/index.js';

/** An expected outcome a user can cause. Anything else that is thrown is a bug. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const forbidden = (message = 'You are not allowed to do that') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const invalid = (fields: FieldError[]) =>
  new DomainError('VALIDATION', `Invalid input: ${fields.map((f) => f.field).join(', ')}`, fields);
