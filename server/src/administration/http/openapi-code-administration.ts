// OpenAPI paths of the codes agents choose from: Not-ready reasons and disposition codes.
import type { ZodTypeAny } from 'zod';
import * as C from '../../../../contract/index.js';
import { errors, idParam as id, json } from '../../platform/http/openapi.js';

const body = (s: ZodTypeAny) => ({ required: true, content: json(s) });
const ok = (description: string, s: ZodTypeAny, status = '200') => ({ [status]: { description, content: json(s) } });

export const codeAdministrationPaths = {
  '/api/not-ready-reasons': {
    get: {
      summary: 'Every Not-ready reason, retired ones too (for their words); agents choose from the active ones',
      responses: { ...ok('Reasons, in the order agents see them', C.NotReadyReasonList), ...errors(400, 401) },
    },
  },
  '/api/admin/not-ready-reasons': {
    get: { summary: 'Not-ready reasons (supervisors and admins)', responses: { ...ok('Reasons', C.NotReadyReasonList), ...errors(400, 401, 403) } },
    post: {
      summary: 'Add a Not-ready reason; its code is unique and not one the system sets by itself (missed, after_call, login)',
      requestBody: body(C.NotReadyReasonCreate),
      responses: { ...ok('The reason', C.NotReadyReason, '201'), ...errors(400, 401, 403) },
    },
  },
  '/api/admin/not-ready-reasons/{id}': {
    patch: {
      summary: 'Reword, reorder, retire (`active: false`) or bring back a reason; 409 when stale',
      parameters: [id],
      requestBody: body(C.NotReadyReasonPatch),
      responses: { ...ok('The reason', C.NotReadyReason), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/admin/dispositions': {
    get: { summary: 'Disposition codes, shared and per queue, retired ones too (supervisors and admins)', responses: { ...ok('Codes', C.AdminDispositionList), ...errors(400, 401, 403) } },
    post: {
      summary: "Add a shared code (no queueId) or a queue's own; a queue with active codes of its own offers those at wrap-up, otherwise the shared ones",
      requestBody: body(C.AdminDispositionCreate),
      responses: { ...ok('The code', C.AdminDisposition, '201'), ...errors(400, 401, 403) },
    },
  },
  '/api/admin/dispositions/{id}': {
    patch: {
      summary: 'Reword, reorder, retire (`active: false`) or bring back a code; history keeps showing a retired code; 409 when stale',
      parameters: [id],
      requestBody: body(C.AdminDispositionPatch),
      responses: { ...ok('The code', C.AdminDisposition), ...errors(400, 401, 403, 404, 409) },
    },
  },
};
