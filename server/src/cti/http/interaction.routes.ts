import { Router } from 'express';
import { z } from 'zod';
import { IdParam, type TodayCalls } from '../../../../contract/index.js';
import type { Clock } from '../../platform/clock.js';
import { parseInput } from '../../platform/http/validate.js';
import type { InteractionRepository } from '../data/interaction.repository.js';
import type { WrapUpService } from '../wrap-up.service.js';

const NoQuery = z.object({}).strict();

export interface InteractionRouteDeps {
  interactions: InteractionRepository;
  wrapUp: Pick<WrapUpService, 'codesFor'>;
  clock: Clock;
  /** Start of the local day around an instant, in the configured zone (as cases read "today"). */
  startOfDay: (at: Date) => Promise<Date>;
}

export function interactionRoutes(d: InteractionRouteDeps): Router {
  const r = Router();
  // The signed-in user's own calls since local midnight: "today's calls" on the desk.
  r.get('/today', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const since = await d.startOfDay(new Date(d.clock.now()));
    const out: TodayCalls = { items: await d.interactions.callsOfAgentSince(req.auth!.user.id, since) };
    res.json(out);
  });
  // The wrap-up codes of one of the agent's calls: its queue's, or the shared ones.
  r.get('/:id/dispositions', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.wrapUp.codesFor(req.auth!.user.id, id));
  });
  return r;
}
