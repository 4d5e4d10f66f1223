import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Locale } from '../../../../contract/index.js';
import type { Logger } from '../logger.js';
import type { Services } from '../../services.js';
import { auditRoleRefusals } from '../../identity/http/audit-role-refusals.js';
import { DomainError } from '../domain-error.js';
import { authenticate } from '../../identity/http/authenticate.js';
import { errorHandler } from './middleware/error-handler.js';
import { rejectNulCharacters } from './middleware/reject-nul.js';
import { requestId } from './middleware/request-id.js';
import { sameOriginWrites } from './middleware/same-origin.js';
import { buildOpenApi } from './openapi.js';
import { authRoutes } from '../../identity/http/auth.routes.js';
import { customerRoutes } from '../../customers/http/customer.routes.js';
import { healthRoutes } from './health.routes.js';
import { interactionRoutes } from '../../cti/http/interaction.routes.js';
import { softphoneRoutes, type SoftphoneRouteOptions } from '../../cti/http/softphone.routes.js';
import { caseRoutes } from '../../cases/http/case.routes.js';
import { escalationRoutes, followUpRoutes, myWorkRoutes } from '../../cases/http/work.routes.js';
import { directoryRoutes, reportRoutes, settingsRoutes } from '../../cases/http/admin.routes.js';
import type { SipAccountDirectory } from '../../switch/ports.js';

export interface AppOptions {
  log: Logger;
  softphone: { accounts: SipAccountDirectory } & SoftphoneRouteOptions;
  secureCookies: boolean;
  sessionTtlMs: number;
  /** The built console; served with a single-page fallback when present. */
  consoleDir: string | null;
  onSignOut: (sessionId: string, userId: number) => void;
  onLocaleSaved: (userId: number, locale: Locale) => void;
}

function securityHeaders(): express.RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' blob: data:; frame-ancestors 'none'",
    );
    next();
  };
}

export function createApp(services: Services, opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId(opts.log));
  app.use(securityHeaders());

  const api = express.Router();
  api.use(express.json({ limit: '100kb', strict: true }));
  api.use(sameOriginWrites());
  api.use(rejectNulCharacters());
  const openapi = buildOpenApi();
  api.get('/openapi.json', (_req, res) => res.json(openapi));
  api.use('/health', healthRoutes(services.db));
  api.use('/auth', authRoutes(services.auth, services.users, opts, opts.onSignOut, opts.onLocaleSaved));
  api.use('/customers', authenticate(services.auth), customerRoutes(services.customers));
  api.use('/interactions', authenticate(services.auth), interactionRoutes(services.interactions, services.dispositions));
  api.use('/cases', authenticate(services.auth), caseRoutes(services.cases, services.caseWorkflow));
  api.use('/my-work', authenticate(services.auth), myWorkRoutes(services.caseWorkflow));
  api.use('/follow-ups', authenticate(services.auth), followUpRoutes(services.caseWorkflow));
  api.use('/escalations', authenticate(services.auth), escalationRoutes(services.escalations));
  api.use('/settings', authenticate(services.auth), settingsRoutes(services));
  api.use('/directory', authenticate(services.auth), directoryRoutes(services));
  api.use('/reports', authenticate(services.auth), reportRoutes(services));
  api.use(softphoneRoutes(services.auth, opts.softphone.accounts, opts.softphone));
  api.use((_req, _res, next) => next(new DomainError('NOT_FOUND', 'No such API route')));
  app.use('/api', api);

  const dir = opts.consoleDir;
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dir, 'index.html'));
    });
  }
  app.use(auditRoleRefusals(services.audit));
  app.use(errorHandler());
  return app;
}
