// Not-ready reasons and disposition codes under /api/admin: supervisors read, admins change.
// Thin: parse, call the service, answer. Agents read the reasons at /api/not-ready-reasons.
import { Router } from 'express';
import { z } from 'zod';
import {
  AdminDispositionCreate,
  AdminDispositionPatch,
  NotReadyReasonCreate,
  NotReadyReasonPatch,
  type AdminDispositionList,
  type NotReadyReasonList,
} from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { NotReadyReasons } from '../../acd/not-ready-reasons.js';
import type { DispositionAdminService } from '../disposition-admin.service.js';
import type { NotReadyReasonAdminService } from '../not-ready-reason-admin.service.js';

const NoQuery = z.object({}).strict();
const RowIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
const rowId = (req: { params: unknown }) => parseInput(RowIdParam, req.params, 'path').id;

export function adminNotReadyReasonRoutes(reasons: NotReadyReasonAdminService): Router {
  const r = Router();
  r.use(requireRole('admin', 'supervisor'));
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const out: NotReadyReasonList = { items: await reasons.list(contextOf(req)) };
    res.json(out);
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await reasons.create(contextOf(req), parseInput(NotReadyReasonCreate, req.body)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await reasons.update(contextOf(req), rowId(req), parseInput(NotReadyReasonPatch, req.body)));
  });
  return r;
}

export function adminDispositionRoutes(codes: DispositionAdminService): Router {
  const r = Router();
  r.use(requireRole('admin', 'supervisor'));
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const out: AdminDispositionList = await codes.list(contextOf(req));
    res.json(out);
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await codes.create(contextOf(req), parseInput(AdminDispositionCreate, req.body)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await codes.update(contextOf(req), rowId(req), parseInput(AdminDispositionPatch, req.body)));
  });
  return r;
}

/** Every signed-in user reads the reasons: agents choose from them, state views word them. */
export function notReadyReasonRoutes(reasons: NotReadyReasons): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const out: NotReadyReasonList = { items: await reasons.list() };
    res.json(out);
  });
  return r;
}
