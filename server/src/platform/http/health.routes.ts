import { Router } from 'express';
import type { HealthResponse } from '../../../../contract/index.js';
import type { Db } from '../db/database.js';

export function healthRoutes(db: Db): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    let dbOk = false;
    try {
      await db.raw('SELECT 1');
      dbOk = true;
    } catch {
      dbOk = false;
    }
    const body: HealthResponse = dbOk ? { status: 'ok', db: 'ok' } : { status: 'degraded', db: 'down' };
    res.status(dbOk ? 200 : 503).json(body);
  });
  return r;
}
