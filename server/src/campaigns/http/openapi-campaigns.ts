// OpenAPI paths of the campaigns room, from the contract's zod schemas.
import { z } from 'zod';
import * as C from '../../../../contract/index.js';
import { errors, idParam, json, schema } from '../../platform/http/openapi.js';

const importIdParam = { name: 'importId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const queryOf = (s: z.AnyZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({ name, in: 'query', required: false, schema: schema(field as z.ZodTypeAny) }));
const leadIdParam = { name: 'leadId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const csv = { 'text/csv': { schema: { type: 'string' } } };

export const campaignPaths = {
  '/api/campaigns': {
    get: {
      summary: 'Campaigns the viewer may see: a marketer’s own, all for supervisors and admins, an agent’s assigned ones',
      responses: { '200': { description: 'Campaigns', content: json(C.CampaignList) }, ...errors(400, 401) },
    },
    post: {
      summary: 'Create a campaign (marketers, admins; audited). Rules default to 08:00–21:00 every day, 1 call a day and 3 a week per number, 5 attempts',
      requestBody: { required: true, content: json(C.CampaignCreate) },
      responses: { '201': { description: 'The campaign', content: json(C.Campaign) }, ...errors(400, 401, 403) },
    },
  },
  '/api/campaigns/agents': {
    get: {
      summary: 'Active agents and supervisors who can be assigned to a campaign (marketers, admins)',
      responses: { '200': { description: 'People', content: json(z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) })) }, ...errors(400, 401, 403) },
    },
  },
  '/api/campaigns/{id}': {
    get: { summary: 'One campaign with its lead counts', parameters: [idParam], responses: { '200': { description: 'The campaign', content: json(C.Campaign) }, ...errors(400, 401, 403, 404) } },
    patch: {
      summary: 'Change name, mode, rules or assigned agents (the owner or an admin; audited); `version` guards against a concurrent change',
      parameters: [idParam],
      requestBody: { required: true, content: json(C.CampaignUpdate) },
      responses: { '200': { description: 'The campaign', content: json(C.Campaign) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/campaigns/{id}/start': {
    post: { summary: 'Start (or resume) the campaign (audited)', parameters: [idParam], responses: { '200': { description: 'The campaign', content: json(C.Campaign) }, ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/campaigns/{id}/stop': {
    post: { summary: 'Stop the campaign for good: no more calls are placed, calls in flight finish (audited)', parameters: [idParam], responses: { '200': { description: 'The campaign', content: json(C.Campaign) }, ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/campaigns/{id}/pause': {
    post: { summary: 'Pause a running campaign (audited)', parameters: [idParam], responses: { '200': { description: 'The campaign', content: json(C.Campaign) }, ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/campaigns/{id}/leads/import': {
    post: {
      summary:
        'Import leads from a CSV body (text/csv, first line the column names; a phone column, optional name, priority, score, timezone — query parameters name other headers). Numbers are normalised to E.164, time zones derived from the number, duplicates in the file and leads already on the campaign rejected; a number that is a customer’s links to that customer (existing=merge) or is rejected (existing=skip), others become new customers. imported + rejected = data rows. Audited.',
      parameters: [idParam, ...queryOf(C.LeadImportQuery)],
      requestBody: { required: true, content: csv },
      responses: { '200': { description: 'What was imported and every rejected row with its reason', content: json(C.LeadImportResult) }, ...errors(400, 401, 403, 404, 413) },
    },
  },
  '/api/campaigns/{id}/imports': {
    get: { summary: 'The campaign’s imports, newest first (rows read so far while one runs: the progress of a long import)', parameters: [idParam], responses: { '200': { description: 'Imports', content: json(z.object({ items: z.array(C.LeadImportView) })) }, ...errors(400, 401, 403, 404) } },
  },
  '/api/campaigns/{id}/imports/{importId}': {
    get: { summary: 'One import and its progress', parameters: [idParam, importIdParam], responses: { '200': { description: 'The import', content: json(C.LeadImportView) }, ...errors(400, 401, 403, 404) } },
  },
  '/api/campaigns/{id}/imports/{importId}/rejections': {
    get: {
      summary: 'Every rejected row of an import with its reason; format=csv downloads them (audited)',
      parameters: [idParam, importIdParam, ...queryOf(z.object({ format: z.enum(['json', 'csv']) }))],
      responses: { '200': { description: 'Rejected rows', content: { ...json(z.object({ items: z.array(C.RejectedRow) })), ...csv } }, ...errors(400, 401, 403, 404) },
    },
  },
  '/api/campaigns/{id}/dry-run': {
    get: {
      summary: 'Who would be dialled now, in order, and how many leads each rule holds back (dnc, no_consent, outside_window, max_attempts, frequency_cap, retry_wait, callback_scheduled, abandon_recall, finished), with samples',
      parameters: [idParam, ...queryOf(C.DryRunQuery)],
      responses: { '200': { description: 'The dry run', content: json(C.DryRun) }, ...errors(400, 401, 403, 404) },
    },
  },
  '/api/campaigns/{id}/dry-run/export': {
    get: {
      summary: 'The dry run as CSV: the leads that would be dialled and the samples of each reason (audited)',
      parameters: [idParam, ...queryOf(z.object({ samples: z.number().int().min(0).max(10_000) }))],
      responses: { '200': { description: 'CSV', content: csv }, ...errors(400, 401, 403, 404) },
    },
  },
  '/api/campaigns/{id}/next-lead': {
    post: {
      summary: 'Preview mode: the lead on the agent’s desk, else the next one the dialing rules allow now (reserved to the agent for 15 minutes), with its attempts; null when none (assigned agents, running campaign)',
      parameters: [idParam],
      responses: { '200': { description: 'The lead, or null', content: json(C.NextLead) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/campaigns/{id}/leads/{leadId}/skip': {
    post: {
      summary: 'Put the lead on the desk back without a call, with a reason (audited)',
      parameters: [idParam, leadIdParam],
      requestBody: { required: true, content: json(C.LeadSkip) },
      responses: { '204': { description: 'Skipped' }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/campaigns/{id}/leads/{leadId}/outcome': {
    post: {
      summary: 'The outcome of the call to the lead on the desk: the attempt, the lead’s status and next try; dnc_request puts the number on the global do-not-call list at once. Ties the agent’s latest outbound call to the number to the campaign and the customer (audited)',
      parameters: [idParam, leadIdParam],
      requestBody: { required: true, content: json(C.LeadDisposition) },
      responses: { '204': { description: 'Recorded' }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/dnc': {
    get: {
      summary: 'The global do-not-call list, or a campaign’s (campaignId), newest first',
      parameters: queryOf(C.DncQuery),
      responses: { '200': { description: 'Entries', content: json(C.DncList) }, ...errors(400, 401, 403, 404) },
    },
    post: {
      summary: 'Put a number on the global do-not-call list, or on a campaign’s (campaignId); in force at once for every dialing decision (audited)',
      requestBody: { required: true, content: json(C.DncCreate) },
      responses: { '201': { description: 'The entry (the first one, when the number was already listed)', content: json(C.DncEntry) }, ...errors(400, 401, 403, 404) },
    },
  },
};
