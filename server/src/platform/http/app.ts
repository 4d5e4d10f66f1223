import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { DomainError } from '../domain-error.js';
import { errorHandler } from './middleware/error-handler.js';
import { rejectNulCharacters } from './middleware/reject-nul.js';
import { requestId } from './middleware/request-id.js';
import { sameOriginWrites } from './middleware/same-origin.js';
import { msg } from '../i18n/message.js';

/** One feature's routes under /api: a path prefix ('' when the router names its own paths) and its handlers. */
export type ApiMount = [path: string, ...handlers: RequestHandler[]];

export interface AppOptions {
  log: Logger;
  /** The built console; served with a single-page fallback when present. */
  consoleDir: string | null;
  /** The OpenAPI document served at /api/openapi.json. */
  openapi: object;
  /** The features' routes, mounted under /api in this order. */
  api: ApiMount[];
  /** Error middleware that sees a failure before it is answered (e.g. auditing refusals). */
  beforeErrorHandler?: ErrorRequestHandler[];
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

export function createApp(opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId(opts.log));
  app.use(securityHeaders());

  const api = express.Router();
  api.use(express.json({ limit: '100kb', strict: true }));
  api.use(sameOriginWrites());
  api.use(rejectNulCharacters());
  api.get('/openapi.json', (_req, res) => res.json(opts.openapi));
  for (const [prefix, ...handlers] of opts.api) {
    if (prefix) api.use(prefix, ...handlers);
    else api.use(...handlers);
  }
  api.use((_req, _res, next) => next(new DomainError('NOT_FOUND', msg('request.noSuchRoute'))));
  app.use('/api', api);

  const dir = opts.consoleDir;
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dir, 'index.html'));
    });
  }
  for (const h of opts.beforeErrorHandler ?? []) app.use(h);
  app.use(errorHandler());
  return app;
}
