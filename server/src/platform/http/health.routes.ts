import { Router } from 'express';
import type { HealthResponse } from '../../../../contract/index.js';
import type { Db } from '../db/database.js';

export type MediaHealth = () => Promise<HealthResponse['media']>;

export function healthRoutes(db: Db, media: MediaHealth = async () => 'none'): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    let dbOk = false;
    try {
      await db.raw('SELECT 1');
      dbOk = true;
    } catch {
      dbOk = false;
    }
    const mediaState = await media();
    // Only the database decides the status code: without media, web calls still work.
    const status = dbOk && mediaState !== 'down' ? 'ok' : 'degraded';
    const body: HealthResponse = { status, db: dbOk ? 'ok' : 'down', media: mediaState };
    res.status(dbOk ? 200 : 503).json(body);
  });
  return r;
}
