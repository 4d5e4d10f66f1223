// Refusals are audited where they happen: services write their own. A route refused for the
// caller's role never reaches a service, so its refusal is written here, on its way to the
// error handler.
import type { ErrorRequestHandler } from 'express';
import type { AuditRepository } from '../data/audit.repository.js';
import { RoleRefused } from './authenticate.js';

export function auditRoleRefusals(audit: AuditRepository): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (!(err instanceof RoleRefused)) return next(err);
    audit
      .write({
        userId: req.auth?.user.id ?? null,
        action: 'http.role_refused',
        outcome: 'denied',
        ip: req.ip ?? null,
        requestId: req.id,
        detail: { method: req.method, route: err.route, role: req.auth?.user.role ?? null },
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
