// Do-not-call lists: POST / adds a number to the global list or a campaign's; GET / lists one.
import { Router } from 'express';
import { DncCreate, DncQuery, ROLES } from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { DncService } from '../dnc.service.js';

export function dncRoutes(dnc: DncService): Router {
  const r = Router();
  r.post('/', requireRole(...ROLES), async (req, res) => {
    res.status(201).json(await dnc.add(contextOf(req), parseInput(DncCreate, req.body)));
  });
  r.get('/', requireRole('marketer', 'supervisor', 'admin'), async (req, res) => {
    const q = parseInput(DncQuery, req.query, 'query');
    res.json({ items: await dnc.list(contextOf(req), q.campaignId ?? null, q.limit) });
  });
  return r;
}
