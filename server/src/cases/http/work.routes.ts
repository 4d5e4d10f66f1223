// "My work", follow-up tasks and escalations.
import { Router } from 'express';
import { z } from 'zod';
import { EscalationListQuery, FollowUpCreate, FollowUpOutcomeRequest, IdParam } from '../../../../contract/index.js';
import type { CaseWorkflowService } from '../case-workflow.service.js';
import type { EscalationService } from '../escalation.service.js';
import { contextOf } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();

export function myWorkRoutes(workflow: CaseWorkflowService): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await workflow.myWork(contextOf(req)));
  });
  return r;
}

export function followUpRoutes(workflow: CaseWorkflowService): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    res.status(201).json(await workflow.createFollowUp(contextOf(req), parseInput(FollowUpCreate, req.body)));
  });
  r.post('/:id/start', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.body ?? {}, 'body');
    res.json(await workflow.startFollowUp(contextOf(req), id));
  });
  r.post('/:id/outcome', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    res.json(await workflow.recordFollowUpOutcome(contextOf(req), id, parseInput(FollowUpOutcomeRequest, req.body)));
  });
  return r;
}

export function escalationRoutes(escalations: EscalationService): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json(await escalations.listFor(contextOf(req), parseInput(EscalationListQuery, req.query, 'query')));
  });
  r.post('/:id/acknowledge', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.body ?? {}, 'body');
    res.json(await escalations.acknowledge(contextOf(req), id));
  });
  return r;
}
