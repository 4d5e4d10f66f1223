// OpenAPI paths of purchases, RFM and segments (campaigns room), from the contract's zod schemas.
import { z } from 'zod';
import * as C from '../../../../contract/index.js';
import { errors, idParam, json, schema } from '../../platform/http/openapi.js';

const importIdParam = { name: 'importId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const queryOf = (s: z.AnyZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({ name, in: 'query', required: false, schema: schema(field as z.ZodTypeAny) }));
const csv = { 'text/csv': { schema: { type: 'string' } } };
const PurchaseImportView = C.LeadImportView.omit({ campaignId: true });

export const segmentPaths = {
  '/api/purchases/import': {
    post: {
      summary:
        'Import purchases from a CSV body (text/csv; columns customer (kefu id) or phone, date, amount, and optionally currency, product, category, order — query parameters name other headers). Read as it arrives; every data row is imported or rejected with its reason; an order number met before is a duplicate. Marketers and admins; audited.',
      parameters: queryOf(C.PurchaseImportQuery),
      requestBody: { required: true, content: csv },
      responses: { '200': { description: 'What was imported and every rejected row with its reason', content: json(C.PurchaseImportResult) }, ...errors(400, 401, 403, 413) },
    },
  },
  '/api/purchases/imports/{importId}': {
    get: { summary: 'One purchases import and its progress', parameters: [importIdParam], responses: { '200': { description: 'The import', content: json(PurchaseImportView) }, ...errors(400, 401, 403, 404) } },
  },
  '/api/purchases/imports/{importId}/rejections': {
    get: {
      summary: 'Every rejected row of a purchases import; format=csv downloads them (audited)',
      parameters: [importIdParam, ...queryOf(z.object({ format: z.enum(['json', 'csv']) }))],
      responses: { '200': { description: 'Rejected rows', content: { ...json(z.object({ items: z.array(C.PurchaseRejectedRow) })), ...csv } }, ...errors(400, 401, 403, 404) },
    },
  },
  '/api/rfm': {
    get: { summary: 'The last RFM run (marketers, admins)', responses: { '200': { description: 'The last run', content: json(C.RfmStatus) }, ...errors(401, 403) } },
  },
  '/api/rfm/recompute': {
    post: {
      summary: 'Recompute every customer’s RFM scores (1–5 by quintiles) and segment now; it also runs every night (marketers, admins; audited)',
      responses: { '200': { description: 'The run', content: json(C.RfmRun) }, ...errors(401, 403, 409) },
    },
  },
  '/api/segments/count': {
    post: {
      summary: 'How many customers match the filters, how many a list would dial, and why the others not (no_phone, dnc, no_consent for a marketing list)',
      requestBody: { required: true, content: json(C.SegmentQuery) },
      responses: { '200': { description: 'The count', content: json(C.SegmentCount) }, ...errors(400, 401, 403) },
    },
  },
  '/api/segments/sample': {
    post: {
      summary: 'Ten of the customers a list would dial, biggest spenders first, numbers masked as the viewer sees them (a bulk view of personal data: audited)',
      requestBody: { required: true, content: json(C.SegmentQuery) },
      responses: { '200': { description: 'The sample', content: json(C.SegmentSample) }, ...errors(400, 401, 403) },
    },
  },
  '/api/campaigns/{id}/leads/from-segment': {
    post: {
      summary: 'Save a segment as the campaign’s dial list: its dialable customers become leads (with the number chosen for each), built for the campaign’s purpose; those already on it are left as they are (the owner or an admin; audited)',
      parameters: [idParam],
      requestBody: { required: true, content: json(C.SegmentSave) },
      responses: { '200': { description: 'What was added', content: json(C.SegmentSaveResult) }, ...errors(400, 401, 403, 404) },
    },
  },
};
