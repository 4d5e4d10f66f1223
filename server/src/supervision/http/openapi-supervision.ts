// OpenAPI paths: the call reports (the wallboard itself is Socket.IO: 'wallboard:watch').
import * as C from '../../../../contract/index.js';
import { errors, json } from '../../platform/http/openapi.js';

const q = (name: string, type = 'string') => ({ name, in: 'query', schema: { type } });
const params = [q('from'), q('to'), q('interval'), q('teamId', 'integer'), q('fcrDays', 'integer')];

export const supervisionPaths = {
  '/api/reports/calls': {
    get: {
      summary: 'Call figures per queue and per agent in 15-minute, hourly or daily intervals (the wallboard’s metric definitions)',
      parameters: params,
      responses: { '200': { description: 'Report', content: json(C.CallReport) }, ...errors(400, 401, 403) },
    },
  },
  '/api/reports/calls.csv': {
    get: {
      summary: 'The call report as CSV; every download is in the audit log',
      parameters: params,
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 403) },
    },
  },
};
