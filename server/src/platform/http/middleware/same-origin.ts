import type { RequestHandler } from 'express';
import { DomainError } from '../../domain-error.js';
import { msg } from '../../i18n/message.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard on top of SameSite cookies: a browser always sends
 * Origin on cross-site writes, so a write whose Origin is another host is refused.
 */
export function sameOriginWrites(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.headers.origin;
    if (!origin) return next();
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return next(new DomainError('FORBIDDEN', msg('request.crossSite')));
    }
    if (host !== req.headers.host) return next(new DomainError('FORBIDDEN', msg('request.crossSite')));
    next();
  };
}
