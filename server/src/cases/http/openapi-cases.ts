// OpenAPI paths of case work (tickets, complaints, follow-ups, escalations, reports, settings),
// built from the contract's zod schemas like the rest of the document.
import type { ZodTypeAny } from 'zod';
import * as C from '../../../../contract/index.js';
import { errors, idParam as id, json } from '../../platform/http/openapi.js';

const body = (s: ZodTypeAny) => ({ required: true, content: json(s) });
const ok = (description: string, s: ZodTypeAny, status = '200') => ({ [status]: { description, content: json(s) } });
const caseResponse = (status = '200') => ok('The case with its timeline', C.CaseResponse, status);
const q = (name: string, type = 'string') => ({ name, in: 'query', schema: { type } });

export const casePaths = {
  '/api/cases': {
    get: {
      summary: 'Tickets and complaints, filtered and searched (full text, Chinese included), newest first',
      parameters: ['kind', 'status', 'priority', 'category', 'assignee', 'teamId', 'due', 'sla', 'q', 'customerId', 'before', 'limit'].map((n) => q(n)),
      responses: { ...ok('A page', C.CaseList), ...errors(400, 401, 403) },
    },
    post: { summary: 'Create a ticket or complaint, optionally linked to a call', requestBody: body(C.CaseCreate), responses: { ...caseResponse('201'), ...errors(400, 401, 403) } },
  },
  '/api/cases/{id}': {
    get: { summary: 'A case and its timeline', parameters: [id], responses: { ...caseResponse(), ...errors(401, 403, 404) } },
    patch: { summary: 'Edit fields (409 when someone saved since `version`)', parameters: [id], requestBody: body(C.CasePatch), responses: { ...caseResponse(), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/cases/{id}/transitions': {
    post: { summary: 'Change status (illegal moves are a 409 saying why)', parameters: [id], requestBody: body(C.CaseTransitionRequest), responses: { ...caseResponse(), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/cases/{id}/notes': { post: { summary: 'Add a note', parameters: [id], requestBody: body(C.CaseNoteRequest), responses: { ...caseResponse('201'), ...errors(400, 401, 403, 404) } } },
  '/api/cases/{id}/contact-attempts': {
    post: { summary: 'Log an attempt to reach the customer', parameters: [id], requestBody: body(C.ContactAttemptRequest), responses: { ...caseResponse('201'), ...errors(400, 401, 403, 404) } },
  },
  '/api/cases/{id}/links': { post: { summary: 'Link a call to the case', parameters: [id], requestBody: body(C.LinkInteractionRequest), responses: { ...caseResponse('201'), ...errors(400, 401, 403, 404) } } },
  '/api/cases/{id}/links/{interactionId}': {
    delete: {
      summary: 'Unlink a call',
      parameters: [id, { name: 'interactionId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { ...caseResponse(), ...errors(400, 401, 403, 404) },
    },
  },
  '/api/cases/{id}/follow-ups': { get: { summary: 'Follow-up tasks of a case', parameters: [id], responses: { ...ok('Tasks', C.FollowUpList), ...errors(401, 403, 404) } } },
  '/api/my-work': { get: { summary: 'Open cases and follow-ups of the signed-in user, soonest due first', responses: { ...ok('My work', C.MyWork), ...errors(401, 403) } } },
  '/api/follow-ups': { post: { summary: 'Schedule a follow-up call (回访)', requestBody: body(C.FollowUpCreate), responses: { ...ok('Created', C.FollowUpTask, '201'), ...errors(400, 401, 403, 404) } } },
  '/api/follow-ups/{id}/start': {
    post: { summary: 'About to dial the customer: the next outbound call to their number is linked to the case', parameters: [id], responses: { ...ok('The task', C.FollowUpTask), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/follow-ups/{id}/outcome': {
    post: { summary: 'Record the outcome of a follow-up call', parameters: [id], requestBody: body(C.FollowUpOutcomeRequest), responses: { ...ok('The task', C.FollowUpTask), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/escalations': {
    get: {
      summary: 'Escalations sent to the signed-in supervisor, unacknowledged first, then newest first; a page at a time',
      parameters: [q('cursor'), { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
      responses: { ...ok('A page, with the cursor of the next and the unacknowledged count', C.EscalationList), ...errors(400, 401, 403) },
    },
  },
  '/api/escalations/{id}/acknowledge': {
    post: {
      summary: 'Mark an escalation as seen: its recipient, or an admin for anyone’s (403 for others)',
      parameters: [id],
      responses: { ...ok('The escalation', C.EscalationView), ...errors(401, 403, 404) },
    },
  },
  '/api/reports/cases': {
    get: { summary: 'Backlog, SLA compliance, complaints by category and root cause, CSAT by queue and agent', parameters: [q('from'), q('to'), q('teamId', 'integer')], responses: { ...ok('Report', C.CaseReport), ...errors(400, 401, 403) } },
  },
  '/api/settings/center-zone': {
    get: { summary: 'The contact center\'s time zone (its business calendar\'s) and home region (numbers in it show in national form), for every signed-in user', responses: { ...ok('Zone and region', C.CenterZone), ...errors(400, 401) } },
  },
  '/api/settings/{key}': {
    get: { summary: 'business_calendar, sla_policy or follow_up_policy', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: '{ value, version }' }, ...errors(400, 401, 403) } },
    put: { summary: 'Save a setting (admins); version 0 when none was stored', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: '{ value, version }' }, ...errors(400, 401, 403, 409) } },
  },
  '/api/directory': { get: { summary: 'People and teams for assignee pickers', responses: { ...ok('Directory', C.UserOptions), ...errors(401, 403) } } },
  '/api/interactions/{id}/dispositions': { get: { summary: 'Wrap-up codes of a call\'s queue', parameters: [id], responses: { ...ok('Codes', C.DispositionList), ...errors(401, 403, 404) } } },
};
