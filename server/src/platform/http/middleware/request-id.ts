import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

export function requestId(log: Logger): RequestHandler {
  return (req, res, next) => {
    req.id = crypto.randomUUID();
    req.log = log.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    next();
  };
}
