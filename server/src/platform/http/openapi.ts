// The OpenAPI document is built from the same zod schemas the routes validate with,
// so the documentation cannot drift from what the server accepts.
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { ZodTypeAny } from 'zod';
import * as C from '../../../../contract/index.js';
import { casePaths } from '../../cases/http/openapi-cases.js';

const schema = (s: ZodTypeAny) => zodToJsonSchema(s, { target: 'openApi3', $refStrategy: 'none' });
const json = (s: ZodTypeAny) => ({ 'application/json': { schema: schema(s) } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'Error', content: json(C.ApiErrorBody) }]));
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export function buildOpenApi() {
  return {
    openapi: '3.0.3',
    info: { title: 'kefu API', version: '0.1.0', description: 'Contact-center console API. Sign in to get the session cookie. Error messages are written in the language saved on the account (PATCH /api/auth/me), else the Accept-Language header, else English.' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' } },
    },
    security: [{ session: [] }],
    paths: {
      ...casePaths,
      '/api/health': {
        get: {
          summary: 'Service and database health',
          security: [],
          responses: { '200': { description: 'Up', content: json(C.HealthResponse) }, '503': { description: 'Something is down', content: json(C.HealthResponse) } },
        },
      },
      '/api/auth/login': {
        post: {
          summary: 'Sign in; sets the session cookie',
          security: [],
          requestBody: { required: true, content: json(C.LoginRequest) },
          responses: { '200': { description: 'Signed in', content: json(C.LoginResponse) }, ...errors(400, 401, 429) },
        },
      },
      '/api/auth/logout': { post: { summary: 'Sign out', responses: { '204': { description: 'Signed out' }, ...errors(401) } } },
      '/api/auth/me': {
        get: { summary: 'The signed-in user', responses: { '200': { description: 'Me', content: json(C.LoginResponse) }, ...errors(401) } },
        patch: { summary: 'Remember the console language (also the language of error messages)', responses: { '200': { description: 'Me', content: json(C.LoginResponse) }, ...errors(400, 401) } },
      },
      '/api/customers': {
        get: {
          summary: 'Caller look-up by phone (any format) or search by name, phone, email, company',
          parameters: [
            { name: 'phone', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          responses: { '200': { description: 'Matches, most recent contact first', content: json(C.CustomerList) }, ...errors(400, 401) },
        },
        post: {
          summary: 'Create a customer',
          requestBody: { required: true, content: json(C.CustomerCreate) },
          responses: { '201': { description: 'Created' }, ...errors(400, 401, 403) },
        },
      },
      '/api/customers/{id}': {
        get: {
          summary: 'The customer 360',
          parameters: [idParam],
          responses: { '200': { description: 'Customer 360', content: json(C.Customer360) }, ...errors(400, 401, 403, 404) },
        },
        patch: {
          summary: 'Change a customer',
          parameters: [idParam],
          requestBody: { required: true, content: json(C.CustomerPatch) },
          responses: { '200': { description: 'Changed' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/softphone/credentials': {
        get: {
          summary: "The signed-in agent's SIP account for the softphone (issued per session, never typed in)",
          responses: { '200': { description: 'SIP account', content: json(C.SipCredentialsView) }, ...errors(401, 403) },
        },
      },
      '/api/webphone/credentials': {
        post: {
          summary: 'A SIP account for the caller-side web phone, registered as the given number (no sign-in in demo mode)',
          security: [],
          requestBody: { required: true, content: json(C.WebPhoneCredentialsRequest) },
          responses: { '200': { description: 'SIP account', content: json(C.SipCredentialsView) }, ...errors(400, 401) },
        },
      },
      '/api/interactions/today': {
        get: {
          summary: "The signed-in agent's calls since midnight, newest first",
          responses: { '200': { description: "Today's calls", content: json(C.TodayCalls) }, ...errors(401) },
        },
      },
      '/api/customers/{id}/interactions': {
        get: {
          summary: 'Older pages of the interaction history',
          parameters: [
            idParam,
            { name: 'before', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          ],
          responses: { '200': { description: 'A page', content: json(C.InteractionPage) }, ...errors(400, 401, 403, 404) },
        },
      },
    },
  };
}
