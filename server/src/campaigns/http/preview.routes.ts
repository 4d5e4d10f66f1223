// Preview dialing from the agent's desk: the next lead, a skip, the outcome of a call.
import { Router } from 'express';
import { CALL_TAKING_ROLES, CampaignIdParam, LeadDisposition, LeadIdParams, LeadSkip } from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { PreviewService } from '../preview.service.js';

export function previewRoutes(preview: PreviewService): Router {
  const r = Router();
  r.post('/:id/next-lead', requireRole(...CALL_TAKING_ROLES), async (req, res) => {
    const { id } = parseInput(CampaignIdParam, req.params, 'path');
    res.json({ lead: await preview.next(contextOf(req), id) });
  });
  r.post('/:id/leads/:leadId/skip', requireRole(...CALL_TAKING_ROLES), async (req, res) => {
    const p = parseInput(LeadIdParams, req.params, 'path');
    await preview.skip(contextOf(req), p.id, p.leadId, parseInput(LeadSkip, req.body));
    res.status(204).end();
  });
  r.post('/:id/leads/:leadId/outcome', requireRole(...CALL_TAKING_ROLES), async (req, res) => {
    const p = parseInput(LeadIdParams, req.params, 'path');
    await preview.disposition(contextOf(req), p.id, p.leadId, parseInput(LeadDisposition, req.body));
    res.status(204).end();
  });
  return r;
}
