import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/src/platform/db/database.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestDb();
  app = await startTestApp(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('health and documentation', () => {
  it('says ok when the database answers', async () => {
    const r = await fetch(app.baseUrl + '/api/health');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', db: 'ok', media: 'none' });
  });

  it('answers 503 naming the database when it is down', async () => {
    // Port 9 on loopback: nothing listens, the connection is refused at once.
    const dead = createDb('postgres://kefu:x@127.0.0.1:9/kefu', 1);
    const down = await startTestApp(dead, undefined, { startCallCenter: false });
    try {
      const r = await fetch(down.baseUrl + '/api/health');
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ status: 'degraded', db: 'down', media: 'none' });
      // Any other route fails closed with a JSON 503, not a hang, a crash or a bare 500.
      const login = await fetch(down.baseUrl + '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'a', password: 'b' }),
      });
      expect(login.status).toBe(503);
      expect(((await login.json()) as any).error.code).toBe('UNAVAILABLE');
    } finally {
      await down.close();
      await dead.destroy();
    }
  });

  it('publishes an OpenAPI document covering every route', async () => {
    const doc = (await (await fetch(app.baseUrl + "/api/openapi.json")).json()) as any;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/admin/agents/{id}/routing',
      '/api/admin/audit',
      '/api/admin/audit/export',
      '/api/admin/backups',
      '/api/admin/dispositions',
      '/api/admin/dispositions/{id}',
      '/api/admin/not-ready-reasons',
      '/api/admin/not-ready-reasons/{id}',
      '/api/admin/phone-numbers',
      '/api/admin/phone-numbers/{id}',
      '/api/admin/queues',
      '/api/admin/queues/{id}',
      '/api/admin/setup-checklist',
      '/api/admin/skills',
      '/api/admin/skills/{id}',
      '/api/admin/teams',
      '/api/admin/teams/{id}',
      '/api/admin/users',
      '/api/admin/users/{id}',
      '/api/admin/users/{id}/password-reset',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/password',
      '/api/campaigns',
      '/api/campaigns/agents',
      '/api/campaigns/{id}',
      '/api/campaigns/{id}/dry-run',
      '/api/campaigns/{id}/dry-run/export',
      '/api/campaigns/{id}/imports',
      '/api/campaigns/{id}/imports/{importId}',
      '/api/campaigns/{id}/imports/{importId}/rejections',
      '/api/campaigns/{id}/leads/from-segment',
      '/api/campaigns/{id}/leads/import',
      '/api/campaigns/{id}/leads/{leadId}/outcome',
      '/api/campaigns/{id}/leads/{leadId}/skip',
      '/api/campaigns/{id}/next-lead',
      '/api/campaigns/{id}/pause',
      '/api/campaigns/{id}/start',
      '/api/campaigns/{id}/stop',
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/contact-attempts',
      '/api/cases/{id}/follow-ups',
      '/api/cases/{id}/links',
      '/api/cases/{id}/links/{interactionId}',
      '/api/cases/{id}/notes',
      '/api/cases/{id}/transitions',
      '/api/customers',
      '/api/customers/{id}',
      '/api/customers/{id}/interactions',
      '/api/directory',
      '/api/dnc',
      '/api/escalations',
      '/api/escalations/{id}/acknowledge',
      '/api/floor/agents',
      '/api/floor/agents/{id}/log-out',
      '/api/floor/agents/{id}/messages',
      '/api/floor/agents/{id}/not-ready',
      '/api/floor/waiting-calls',
      '/api/floor/waiting-calls/{callId}/pull',
      '/api/follow-ups',
      '/api/follow-ups/{id}/outcome',
      '/api/follow-ups/{id}/start',
      '/api/health',
      '/api/interactions/today',
      '/api/interactions/{id}/dispositions',
      '/api/my-work',
      '/api/not-ready-reasons',
      '/api/purchases/import',
      '/api/purchases/imports/{importId}',
      '/api/purchases/imports/{importId}/rejections',
      '/api/reports/calls',
      '/api/reports/calls.csv',
      '/api/reports/cases',
      '/api/rfm',
      '/api/rfm/recompute',
      '/api/segments/count',
      '/api/segments/sample',
      '/api/settings/center-zone',
      '/api/settings/{key}',
      '/api/softphone/credentials',
      '/api/webphone/credentials',
    ]);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const r = await fetch(app.baseUrl + '/api/nope');
    expect(r.status).toBe(404);
    expect(((await r.json()) as any).error.code).toBe('NOT_FOUND');
  });
});
