// Queues, phone numbers, skills, agents' routing and the start-up checklist under /api/admin.
// Thin: parse, call the service, answer. Supervisors may read queues and skills and edit their
// own team's agents' routing; everything else is for admins (the services decide).
import { Router } from 'express';
import { z } from 'zod';
import {
  AdminPhoneNumberCreate,
  AdminPhoneNumberPatch,
  AdminQueueCreate,
  AdminQueueListQuery,
  AdminQueuePatch,
  AdminSkillCreate,
  AdminSkillPatch,
  AgentRoutingPut,
  type AdminPhoneNumberList,
  type AdminSkillList,
} from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { PhoneNumberAdminService } from '../phone-number-admin.service.js';
import type { QueueAdminService } from '../queue-admin.service.js';
import type { SetupChecklistService } from '../setup-checklist.service.js';
import type { SkillAdminService } from '../skill-admin.service.js';

const NoQuery = z.object({}).strict();
const RowIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
const rowId = (req: { params: unknown }) => parseInput(RowIdParam, req.params, 'path').id;
/** A removal names the version it saw, like an edit. */
const VersionQuery = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647) }).strict();

export function adminQueueRoutes(queues: QueueAdminService): Router {
  const r = Router();
  r.use(requireRole('admin', 'supervisor'));
  r.get('/', async (req, res) => {
    res.json(await queues.list(contextOf(req), parseInput(AdminQueueListQuery, req.query, 'query')));
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await queues.create(contextOf(req), parseInput(AdminQueueCreate, req.body)));
  });
  r.get('/:id', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await queues.get(contextOf(req), rowId(req)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await queues.update(contextOf(req), rowId(req), parseInput(AdminQueuePatch, req.body)));
  });
  return r;
}

export function adminPhoneNumberRoutes(numbers: PhoneNumberAdminService): Router {
  const r = Router();
  r.use(requireRole('admin'));
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const out: AdminPhoneNumberList = { items: await numbers.list(contextOf(req)) };
    res.json(out);
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await numbers.create(contextOf(req), parseInput(AdminPhoneNumberCreate, req.body)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await numbers.update(contextOf(req), rowId(req), parseInput(AdminPhoneNumberPatch, req.body)));
  });
  r.delete('/:id', async (req, res) => {
    await numbers.remove(contextOf(req), rowId(req), parseInput(VersionQuery, req.query, 'query').version);
    res.status(204).end();
  });
  return r;
}

export function adminSkillRoutes(skills: SkillAdminService): Router {
  const r = Router();
  r.use(requireRole('admin', 'supervisor'));
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const out: AdminSkillList = { items: await skills.list(contextOf(req)) };
    res.json(out);
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await skills.create(contextOf(req), parseInput(AdminSkillCreate, req.body)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await skills.update(contextOf(req), rowId(req), parseInput(AdminSkillPatch, req.body)));
  });
  r.delete('/:id', async (req, res) => {
    await skills.remove(contextOf(req), rowId(req), parseInput(VersionQuery, req.query, 'query').version);
    res.status(204).end();
  });
  return r;
}

/** An agent's skills and queues: admins for anyone, supervisors for their own team. */
export function adminAgentRoutingRoutes(skills: SkillAdminService): Router {
  const r = Router();
  r.use(requireRole('admin', 'supervisor'));
  r.get('/:id/routing', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await skills.routingOf(contextOf(req), rowId(req)));
  });
  r.put('/:id/routing', async (req, res) => {
    res.json(await skills.setRouting(contextOf(req), rowId(req), parseInput(AgentRoutingPut, req.body)));
  });
  return r;
}

export function adminSetupRoutes(checklist: SetupChecklistService): Router {
  const r = Router();
  r.use(requireRole('admin'));
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await checklist.checklist(contextOf(req)));
  });
  return r;
}
