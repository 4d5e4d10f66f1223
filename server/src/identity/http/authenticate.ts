import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { Me, Role } from '../../../../contract/index.js';
import { DomainError } from '../../platform/domain-error.js';
import type { AuthService } from '../auth.service.js';
import type { RequestContext } from '../request-context.js';
import { msg, type Message } from '../../platform/i18n/message.js';

export const SESSION_COOKIE = 'kefu_session';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: { user: Me; sessionId: string };
  }
}

export function sessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  try {
    return parseCookie(cookieHeader)[SESSION_COOKIE];
  } catch {
    return undefined;
  }
}

/**
 * Attaches the signed-in user, or answers 401. Someone signed in with a one-time password may
 * only set their own (the routes that allow it say `passwordPending: 'allow'`).
 */
export function authenticate(auth: AuthService, opts: { passwordPending?: 'allow' | 'refuse' } = {}): RequestHandler {
  return async (req, _res, next) => {
    const session = await auth.resolve(sessionToken(req.headers.cookie));
    if (!session) return next(new DomainError('UNAUTHENTICATED', msg('auth.signInFirst')));
    req.auth = session;
    if (session.user.mustChangePassword && opts.passwordPending !== 'allow') return next(new DomainError('FORBIDDEN', msg('auth.passwordChangeRequired')));
    next();
  };
}

/** A route refused for the caller's role, before any service saw it (audited by auditRoleRefusals). */
export class RoleRefused extends DomainError {
  constructor(
    /** The route as declared (no ids or query), so entries group by what was attempted. */
    readonly route: string,
    message: Message = msg('auth.roleRefused'),
  ) {
    super('FORBIDDEN', message);
  }
}

export function requireRole(...roles: readonly Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.auth || !roles.includes(req.auth.user.role)) {
      return next(new RoleRefused(`${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? ''}`));
    }
    next();
  };
}

export function contextOf(req: Request): RequestContext {
  const user = req.auth!.user;
  return {
    viewer: { id: user.id, role: user.role, teamId: user.teamId },
    ip: req.ip ?? null,
    requestId: req.id,
  };
}
