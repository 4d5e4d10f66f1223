// The contact center's time zone, which the console shows times in: every signed-in user reads
// it, it follows the business calendar an admin saves, and nobody signed out gets it. The home
// region (the configured default region) comes with it: the console formats numbers by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the contact center zone', () => {
  it('is the configured zone and home region for an agent until a calendar is saved, then the calendar’s', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const first = await agent.get('/api/settings/center-zone');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ timeZone: 'Asia/Shanghai', region: 'CN' });

    const admin = await new ApiClient(app.baseUrl).login('admin1');
    const stored = (await admin.get('/api/settings/business_calendar')).body;
    const saved = await admin.put('/api/settings/business_calendar', { version: stored.version, value: { ...stored.value, timeZone: 'Europe/Berlin' } });
    expect(saved.status).toBe(200);
    expect((await agent.get('/api/settings/center-zone')).body).toEqual({ timeZone: 'Europe/Berlin', region: 'CN' });
  });

  it('is refused without a session, and refuses a query it does not know', async () => {
    expect((await new ApiClient(app.baseUrl).get('/api/settings/center-zone')).status).toBe(401);
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    expect((await agent.get('/api/settings/center-zone?zone=UTC')).status).toBe(400);
  });
});
