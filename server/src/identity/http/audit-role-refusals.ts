// Every refusal is audited exactly once. Services that refuse with the entity in hand (a
// customer, a case, an escalation) write their own entry and mark the error; every other
// refusal, a route refused for the caller's role before any service saw it among them, is
// written here on its way to the error handler. Socket commands do the same in their ack.
import type { ErrorRequestHandler } from 'express';
import type { AuditRepository } from '../data/audit.repository.js';
import { unauditedRefusal } from '../../platform/domain-error.js';
import { RoleRefused } from './authenticate.js';

export function auditRoleRefusals(audit: AuditRepository): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (!unauditedRefusal(err)) return next(err);
    const byRole = err instanceof RoleRefused;
    // The route as declared (no ids), so entries group by what was attempted.
    const route = byRole ? err.route : declaredRoute(req.originalUrl, req.route?.path);
    err.markAudited();
    audit
      .write({
        userId: req.auth?.user.id ?? null,
        action: byRole ? 'http.role_refused' : 'http.refused',
        outcome: 'denied',
        ip: req.ip ?? null,
        requestId: req.id,
        detail: { method: req.method, route, role: req.auth?.user.role ?? null, ...(byRole ? {} : { reason: err.messageKey.key }) },
      })
      .then(
        () => next(err),
        (auditErr: unknown) => {
          req.log.error({ err: auditErr }, 'could not audit a refusal');
          next(err);
        },
      );
  };
}

/**
 * The route as declared, from the URL and the matched route's path: by the time an error
 * reaches here Express has left the router, so its mount path is gone; the URL's leading
 * segments stand for it. '/api/follow-ups/12/outcome' with '/:id/outcome' → '/api/follow-ups/:id/outcome'.
 */
function declaredRoute(originalUrl: string, routePath: unknown): string {
  const path = originalUrl.split('?')[0]!;
  if (typeof routePath !== 'string') return path;
  const segments = path.split('/').filter(Boolean);
  const declared = routePath.split('/').filter(Boolean);
  return `/${[...segments.slice(0, segments.length - declared.length), ...declared].join('/')}`;
}
