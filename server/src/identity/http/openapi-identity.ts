// OpenAPI paths: Sign-in and the signed-in user.
import * as C from '../../../../contract/index.js';
import { errors, json } from '../../platform/http/openapi.js';

export const identityPaths = {
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
  '/api/admin/audit': {
    get: {
      summary: 'The audit log, newest first (admins): filter by userId, action (a family ends in "."), entity, entityId, outcome, from, to, term (a searched number or text); page with before; format=csv downloads it like /export',
      responses: { '200': { description: 'A page of entries', content: json(C.AuditPage) }, ...errors(400, 401, 403) },
    },
  },
  '/api/admin/audit/retention': {
    get: {
      summary: 'How long audit entries are kept (KEFU_AUDIT_RETENTION_DAYS) and what the last purge removed (admins)',
      responses: { '200': { description: 'The period and the last purge', content: json(C.AuditRetentionStatus) }, ...errors(400, 401, 403) },
    },
  },
  '/api/admin/audit/purge': {
    post: {
      summary: 'Removes the audit entries older than the period now (admins); the chain stays verifiable from the purge anchor, and the purge is itself audited',
      responses: { '200': { description: 'What was removed', content: json(C.AuditPurgeReport) }, ...errors(400, 401, 403) },
    },
  },
  '/api/admin/audit/export': {
    get: {
      summary: 'The filtered audit log as CSV, streamed (admins); the export is itself audited. X-Audit-Rows tells how many rows follow',
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 403) },
    },
  },
};
