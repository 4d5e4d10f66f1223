import { Router } from 'express';
import { z } from 'zod';
import {
  CaseCreate,
  CaseListQuery,
  CaseNoteRequest,
  CasePatch,
  CaseTransitionRequest,
  ContactAttemptRequest,
  IdParam,
  LinkInteractionRequest,
} from '../../../../contract/index.js';
import type { CaseService } from '../case.service.js';
import type { CaseWorkflowService } from '../case-workflow.service.js';
import { contextOf } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();
const LinkParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1), interactionId: z.coerce.number().int().positive().max(2 ** 53 - 1) }).strict();

/** Thin: parse, call the service, answer. The rules are in CaseService and CaseWorkflowService. */
export function caseRoutes(cases: CaseService, workflow: CaseWorkflowService): Router {
  const r = Router();
  const id = (req: { params: unknown }) => parseInput(IdParam, req.params, 'path').id;

  r.get('/', async (req, res) => {
    res.json(await cases.list(contextOf(req), parseInput(CaseListQuery, req.query, 'query')));
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await cases.create(contextOf(req), parseInput(CaseCreate, req.body)));
  });
  r.get('/:id', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await cases.get(contextOf(req), id(req)));
  });
  r.patch('/:id', async (req, res) => {
    res.json(await cases.update(contextOf(req), id(req), parseInput(CasePatch, req.body)));
  });
  r.post('/:id/transitions', async (req, res) => {
    res.json(await workflow.transition(contextOf(req), id(req), parseInput(CaseTransitionRequest, req.body)));
  });
  r.post('/:id/notes', async (req, res) => {
    res.status(201).json(await cases.addNote(contextOf(req), id(req), parseInput(CaseNoteRequest, req.body).text));
  });
  r.post('/:id/contact-attempts', async (req, res) => {
    res.status(201).json(await cases.contactAttempt(contextOf(req), id(req), parseInput(ContactAttemptRequest, req.body).note));
  });
  r.post('/:id/links', async (req, res) => {
    res.status(201).json(await cases.link(contextOf(req), id(req), parseInput(LinkInteractionRequest, req.body).interactionId));
  });
  r.delete('/:id/links/:interactionId', async (req, res) => {
    const p = parseInput(LinkParams, req.params, 'path');
    res.json(await cases.unlink(contextOf(req), p.id, p.interactionId));
  });
  r.get('/:id/follow-ups', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await workflow.followUpsOfCase(contextOf(req), id(req)));
  });
  return r;
}
