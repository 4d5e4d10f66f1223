// The supervisor's actions on the floor under /api/floor: supervisors and admins only. Thin:
// parse, call the service, answer.
import { Router } from 'express';
import { z } from 'zod';
import { AgentMessageRequest, ForceNotReadyRequest, PullCallRequest, SUPERVISING_ROLES } from '../../../../../contract/index.js';
import { contextOf, requireRole } from '../../../identity/http/authenticate.js';
import { parseInput } from '../../../platform/http/validate.js';
import type { FloorActionsService } from '../floor-actions.service.js';

const NoQuery = z.object({}).strict();
const NoBody = z.object({}).strict();
const AgentParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
const CallParam = z.object({ callId: z.string().min(1).max(200) }).strict();
const agentId = (req: { params: unknown }) => parseInput(AgentParam, req.params, 'path').id;

export function floorActionRoutes(floor: FloorActionsService): Router {
  const r = Router();
  r.use(requireRole(...SUPERVISING_ROLES));
  r.get('/agents', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await floor.agents(contextOf(req)));
  });
  r.post('/agents/:id/not-ready', async (req, res) => {
    res.json(await floor.forceNotReady(contextOf(req), agentId(req), parseInput(ForceNotReadyRequest, req.body).reason));
  });
  r.post('/agents/:id/log-out', async (req, res) => {
    parseInput(NoBody, req.body ?? {});
    res.json(await floor.logOut(contextOf(req), agentId(req)));
  });
  r.post('/agents/:id/messages', async (req, res) => {
    res.status(201).json(await floor.message(contextOf(req), agentId(req), parseInput(AgentMessageRequest, req.body).text));
  });
  r.get('/waiting-calls', (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(floor.waitingCalls(contextOf(req)));
  });
  r.post('/waiting-calls/:callId/pull', async (req, res) => {
    const { callId } = parseInput(CallParam, req.params, 'path');
    res.json(await floor.pull(contextOf(req), callId, parseInput(PullCallRequest, req.body)));
  });
  return r;
}
