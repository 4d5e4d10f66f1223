// A fresh site outside demo mode: the first admin (made the way KEFU_ADMIN_* makes it) sees the
// start-up checklist, and each step ticks itself as the data appears, until the list goes away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminQueue, AdminTeam, AdminUserCreated, SetupChecklist } from '../../contract/index.js';
import { bootstrapAdmin } from '../../server/src/seed/bootstrap-admin.js';
import { logger } from '../../server/src/platform/logger.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  app = await startTestApp(t.db, undefined, { demo: false });
  await bootstrapAdmin(app.services.users, { username: 'first.admin', password: 'first-admin-password' }, logger, false);
  admin = await new ApiClient(app.baseUrl).login('first.admin', 'first-admin-password');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const steps = async () => {
  const r = await admin.get<SetupChecklist>('/api/admin/setup-checklist');
  expect(r.status).toBe(200);
  return { show: r.body.show, done: r.body.steps.filter((s) => s.done).map((s) => s.step) };
};

describe('the start-up checklist of a fresh site', () => {
  it('ticks each step from the data as the admin sets the site up', async () => {
    expect(await steps()).toEqual({ show: true, done: [] });

    const team = (await admin.post<AdminTeam>('/api/admin/teams', { name: 'Hotline' })).body;
    expect((await steps()).done).toEqual(['team']);

    const agent = (await admin.post<AdminUserCreated>('/api/admin/users', { username: 'first.agent', displayName: 'First Agent', role: 'agent', teamId: team.id })).body.user;
    expect((await steps()).done).toEqual(['team', 'agents']);

    const queue = (await admin.post<AdminQueue>('/api/admin/queues', { name: 'hotline', numbers: ['400 880 0001'] })).body;
    expect((await steps()).done).toEqual(['team', 'agents', 'queue']);

    await admin.patch(`/api/admin/queues/${queue.id}`, { version: queue.version, members: [{ userId: agent.id }] });
    expect(await steps()).toEqual({ show: true, done: ['team', 'agents', 'queue', 'members'] });

    // The test call: an answered call through the queue (as the web phone's call would log it).
    await t.db('interactions').insert({ kind: 'call', direction: 'inbound', queue_id: queue.id, agent_id: agent.id, answered_at: new Date() });
    expect(await steps()).toEqual({ show: false, done: ['team', 'agents', 'queue', 'members', 'testCall'] });
  });
});
