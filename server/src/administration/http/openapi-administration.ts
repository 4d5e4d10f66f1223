// OpenAPI paths of the administration: users, teams, queues, phone numbers, skills, agents' routing
// and the start-up checklist.
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
  '/api/admin/queues': {
    get: {
      summary: 'Queues with their numbers and members, paged by id (admins and supervisors)',
      parameters: ['active', 'after', 'limit'].map((n) => q(n)),
      responses: { ...ok('A page', C.AdminQueuePage), ...errors(400, 401, 403) },
    },
    post: {
      summary: 'Create a queue; numbers in any written form are stored as E.164, each number has one destination',
      requestBody: body(C.AdminQueueCreate),
      responses: { ...ok('The queue', C.AdminQueue, '201'), ...errors(400, 401, 403) },
    },
  },
  '/api/admin/queues/{id}': {
    get: { summary: 'A queue', parameters: [id], responses: { ...ok('The queue', C.AdminQueue), ...errors(401, 403, 404) } },
    patch: {
      summary: 'Edit a queue (numbers and members are replaced when given), deactivate (`active: false`) or reactivate; routing follows at once; 409 when stale',
      parameters: [id],
      requestBody: body(C.AdminQueuePatch),
      responses: { ...ok('The queue', C.AdminQueue), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/admin/phone-numbers': {
    get: { summary: 'The numbers kefu answers and where each goes', responses: { ...ok('Numbers', C.AdminPhoneNumberList), ...errors(401, 403) } },
    post: {
      summary: 'Add a number going to a queue or ringing an agent directly; optionally the default outbound caller id',
      requestBody: body(C.AdminPhoneNumberCreate),
      responses: { ...ok('The number', C.AdminPhoneNumber, '201'), ...errors(400, 401, 403) },
    },
  },
  '/api/admin/phone-numbers/{id}': {
    patch: { summary: 'Change where a number goes, its label or the default caller id; 409 when stale', parameters: [id], requestBody: body(C.AdminPhoneNumberPatch), responses: { ...ok('The number', C.AdminPhoneNumber), ...errors(400, 401, 403, 404, 409) } },
    delete: { summary: 'Stop answering a number; `version` in the query; 409 when stale', parameters: [id, q('version', 'integer')], responses: { '204': { description: 'Removed' }, ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/admin/skills': {
    get: { summary: 'Named skills with how many agents have each (admins and supervisors)', responses: { ...ok('Skills', C.AdminSkillList), ...errors(401, 403) } },
    post: { summary: 'Create a skill', requestBody: body(C.AdminSkillCreate), responses: { ...ok('The skill', C.AdminSkill, '201'), ...errors(400, 401, 403) } },
  },
  '/api/admin/skills/{id}': {
    patch: { summary: 'Rename a skill; 409 when stale', parameters: [id], requestBody: body(C.AdminSkillPatch), responses: { ...ok('The skill', C.AdminSkill), ...errors(400, 401, 403, 404, 409) } },
    delete: { summary: 'Remove a skill (agents lose it, queues asking for it take any member); `version` in the query', parameters: [id, q('version', 'integer')], responses: { '204': { description: 'Removed' }, ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/admin/agents/{id}/routing': {
    get: { summary: "An agent's skill levels and queues (admins; supervisors for their own team)", parameters: [id], responses: { ...ok('Routing', C.AgentRouting), ...errors(400, 401, 403, 404) } },
    put: {
      summary: "Replace an agent's skill levels and/or queues; the ACD prefers a higher level among free agents",
      parameters: [id],
      requestBody: body(C.AgentRoutingPut),
      responses: { ...ok('Routing', C.AgentRouting), ...errors(400, 401, 403, 404) },
    },
  },
  '/api/admin/setup-checklist': {
    get: { summary: "A fresh site's start-up steps, each ticked from the data (shown outside demo mode until all are done)", responses: { ...ok('The checklist', C.SetupChecklist), ...errors(401, 403) } },
  },
  '/api/auth/password': {
    post: { summary: 'Set your own password (required after a one-time password)', requestBody: body(C.PasswordChange), responses: { '204': { description: 'Changed' }, ...errors(400, 401, 429) } },
  },
};
