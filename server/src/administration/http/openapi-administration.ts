// OpenAPI paths of the administration: users and teams.
import type { ZodTypeAny } from 'zod';
import * as C from '../../../../contract/index.js';
import { errors, idParam as id, json } from '../../platform/http/openapi.js';

const body = (s: ZodTypeAny) => ({ required: true, content: json(s) });
const ok = (description: string, s: ZodTypeAny, status = '200') => ({ [status]: { description, content: json(s) } });
const q = (name: string, type = 'string') => ({ name, in: 'query', schema: { type } });

export const administrationPaths = {
  '/api/admin/users': {
    get: {
      summary: 'Users, paged by id (`after` is the last id of the previous page)',
      parameters: ['q', 'role', 'teamId', 'active', 'after', 'limit'].map((n) => q(n)),
      responses: { ...ok('A page', C.AdminUserPage), ...errors(400, 401, 403) },
    },
    post: {
      summary: 'Create a user; an extension is given to roles that take calls, and a one-time password when none is given',
      requestBody: body(C.AdminUserCreate),
      responses: { ...ok('The user, with the one-time password shown once', C.AdminUserCreated, '201'), ...errors(400, 401, 403) },
    },
  },
  '/api/admin/users/{id}': {
    get: { summary: 'A user', parameters: [id], responses: { ...ok('The user', C.AdminUser), ...errors(401, 403, 404) } },
    patch: {
      summary: 'Edit, deactivate (`active: false`: sessions and phones end at once) or reactivate; 409 when stale',
      parameters: [id],
      requestBody: body(C.AdminUserPatch),
      responses: { ...ok('The user', C.AdminUser), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/admin/users/{id}/password-reset': {
    post: {
      summary: 'A new one-time password, shown once; the user sets their own at the next sign-in',
      parameters: [id],
      requestBody: body(C.AdminPasswordReset),
      responses: { ...ok('The user and the one-time password', C.AdminPasswordResetDone), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/admin/teams': {
    get: { summary: 'Teams with their supervisor and head count', responses: { ...ok('Teams', C.AdminTeamList), ...errors(401, 403) } },
    post: { summary: 'Create a team', requestBody: body(C.AdminTeamCreate), responses: { ...ok('The team', C.AdminTeam, '201'), ...errors(400, 401, 403) } },
  },
  '/api/admin/teams/{id}': {
    patch: { summary: 'Rename a team or change its supervisor; 409 when stale', parameters: [id], requestBody: body(C.AdminTeamPatch), responses: { ...ok('The team', C.AdminTeam), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/auth/password': {
    post: { summary: 'Set your own password (required after a one-time password)', requestBody: body(C.PasswordChange), responses: { '204': { description: 'Changed' }, ...errors(400, 401, 429) } },
  },
};
