// Users and teams under /api/admin: admins only. Thin: parse, call the service, answer.
import { Router } from 'express';
import { z } from 'zod';
import {
  AdminPasswordReset,
  AdminTeamCreate,
  AdminTeamPatch,
  AdminUserCreate,
  AdminUserListQuery,
  AdminUserPatch,
  type AdminTeamList,
} from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { TeamAdminService } from '../team-admin.service.js';
import type { UserAdminService } from '../user-admin.service.js';

const NoQuery = z.object({}).strict();
// Users and teams have int4 ids: a larger number is simply no such row, never a database error.
const RowIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
const rowId = (req: { params: unknown }) => parseInput(RowIdParam, req.params, 'path').id;

export function adminUserRoutes(users: UserAdminService): Router {
  const r = Router();
  r.use(requireRole('admin'));
  r.get('/', async (req, res) => {
    res.json(await users.list(contextOf(req), parseInput(AdminUserListQuery, req.query, 'query')));
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await users.create(contextOf(req), parseInput(AdminUserCreate, req.body)));
  });
  r.get('/:id', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await users.get(contextOf(req), rowId(req)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await users.update(contextOf(req), rowId(req), parseInput(AdminUserPatch, req.body)));
  });
  r.post('/:id/password-reset', async (req, res) => {
    res.json(await users.resetPassword(contextOf(req), rowId(req), parseInput(AdminPasswordReset, req.body).version));
  });
  return r;
}

export function adminTeamRoutes(teams: TeamAdminService): Router {
  const r = Router();
  r.use(requireRole('admin'));
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const out: AdminTeamList = { items: await teams.list(contextOf(req)) };
    res.json(out);
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await teams.create(contextOf(req), parseInput(AdminTeamCreate, req.body)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await teams.update(contextOf(req), rowId(req), parseInput(AdminTeamPatch, req.body)));
  });
  return r;
}
