// The OpenAPI document is built from the same zod schemas the routes validate with,
// so the documentation cannot drift from what the server accepts. Each feature lists its own
// paths beside its routes; the composition root hands them all here.
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { ZodTypeAny } from 'zod';
import * as C from '../../../../contract/index.js';

export const schema = (s: ZodTypeAny) => zodToJsonSchema(s, { target: 'openApi3', $refStrategy: 'none' });
export const json = (s: ZodTypeAny) => ({ 'application/json': { schema: schema(s) } });
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'Error', content: json(C.ApiErrorBody) }]));
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

const healthPaths = {
  '/api/health': {
    get: {
      summary: 'Service and database health',
      security: [],
      responses: { '200': { description: 'Up', content: json(C.HealthResponse) }, '503': { description: 'Something is down', content: json(C.HealthResponse) } },
    },
  },
};

export function buildOpenApi(featurePaths: readonly Record<string, object>[]) {
  return {
    openapi: '3.0.3',
    info: { title: 'kefu API', version: '0.1.0', description: 'Contact-center console API. Sign in to get the session cookie. Error messages are written in the language saved on the account (PATCH /api/auth/me), else the Accept-Language header, else English.' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' } },
    },
    security: [{ session: [] }],
    paths: Object.assign({}, healthPaths, ...featurePaths),
  };
}
