import { Router } from 'express';
import { z } from 'zod';
import type { TodayCalls } from '../../../contract/index.js';
import type { InteractionRepository } from '../../repositories/interaction.repository.js';
import { parseInput } from '../validate.js';

const NoQuery = z.object({}).strict();

export function interactionRoutes(interactions: InteractionRepository): Router {
  const r = Router();
  // The signed-in user's own calls since midnight (server time): "today's calls" on the desk.
  r.get('/today', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const out: TodayCalls = { items: await interactions.callsOfAgentSince(req.auth!.user.id, midnight) };
    res.json(out);
  });
  return r;
}
