import type { ErrorRequestHandler } from 'express';
import type { ApiErrorBody } from '../../../../../contract/index.js';
import { DomainError, fieldError } from '../../domain-error.js';
import { localizeError, localizeMessage } from '../../i18n/localize.js';
import { viewerLocale } from '../../i18n/viewer-locale.js';
import { httpStatusFor } from '../error-status.js';
import { msg } from '../../i18n/message.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Body-parser's own errors are the client's fault; say so in our error shape. */
function fromBodyParser(err: BodyParserError): DomainError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError('VALIDATION', msg('request.invalidJson'), [fieldError('body', 'request.malformedJson')]);
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', msg('request.tooLarge'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new DomainError('VALIDATION', msg('request.unreadable'), [{ field: 'body', message: String(err.type) }]);
    default:
      return typeof err.status === 'number' && err.status >= 400 && err.status < 500
        ? new DomainError('VALIDATION', msg('request.bad'))
        : null;
  }
}

/** The database being unreachable is an outage to report, not a bug in our code. */
function fromDatabaseOutage(err: unknown): DomainError | null {
  const e = err as { code?: string; name?: string };
  const outage =
    e?.name === 'KnexTimeoutError' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300'].includes(e?.code ?? '');
  return outage ? new DomainError('UNAVAILABLE', msg('request.databaseUnavailable')) : null;
}

export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof DomainError ? err : (fromBodyParser(err as BodyParserError) ?? fromDatabaseOutage(err));
    if (known?.code === 'UNAVAILABLE') req.log.error({ err }, 'database unavailable');
    // Before sign-in (or on routes without it) only the browser's wish is known.
    const locale = viewerLocale(req.auth?.user.locale, req.get('accept-language'));
    if (!known) {
      req.log.error({ err }, 'unhandled error');
      const message = localizeMessage(msg('request.internal'), locale);
      const body: ApiErrorBody = { error: { code: 'INTERNAL', message, requestId: req.id } };
      res.status(500).json(body);
      return;
    }
    const status = httpStatusFor(known.code);
    if (known.retryAfterSeconds) res.setHeader('Retry-After', String(known.retryAfterSeconds));
    const { message, fields } = localizeError(known, locale);
    const body: ApiErrorBody = {
      error: {
        code: known.code,
        message,
        requestId: req.id,
        ...(fields ? { fields } : {}),
        ...(known.retryAfterSeconds ? { retryAfterSeconds: known.retryAfterSeconds } : {}),
      },
    };
    res.status(status).json(body);
  };
}
