import { Router } from 'express';
import { z } from 'zod';
import { IdParam, type DispositionList, type TodayCalls } from '../../../../contract/index.js';
import { forbidden, notFound } from '../../platform/domain-error.js';
import type { DispositionRepository } from '../data/disposition.repository.js';
import type { InteractionRepository } from '../data/interaction.repository.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();

export function interactionRoutes(interactions: InteractionRepository, dispositions: DispositionRepository): Router {
  const r = Router();
  // The signed-in user's own calls since midnight (server time): "today's calls" on the desk.
  r.get('/today', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const out: TodayCalls = { items: await interactions.callsOfAgentSince(req.auth!.user.id, midnight) };
    res.json(out);
  });
  // The wrap-up codes of one of the agent's calls: its queue's, or the shared ones.
  r.get('/:id/dispositions', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    const call = await interactions.queueAndAgentOf(id);
    if (!call) throw notFound('Call');
    const me = req.auth!.user;
    if (call.agentId !== me.id && me.role !== 'supervisor' && me.role !== 'admin') throw forbidden('That is not your call');
    const out: DispositionList = { items: await dispositions.forQueue(call.queueId) };
    res.json(out);
  });
  return r;
}
