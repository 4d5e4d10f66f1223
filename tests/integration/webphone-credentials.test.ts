// The caller-side web phone registers as a customer's number. Who may get such credentials:
// anyone in demo mode (at a bounded rate), only the roles that test lines otherwise, and never
// for the number of a kefu user's own extension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { FakeClock } from '../support/fake-clock.js';

let t: TestDb;
let demo: TestApp;
let live: TestApp;
const clock = new FakeClock();
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  // A user whose extension is a full number, as a direct line often is.
  await t.db('users').where({ username: 'agent2' }).update({ extension: '+8613912345678' });
  demo = await startTestApp(t.db, undefined, { demo: true, clock });
  live = await startTestApp(t.db, undefined, { demo: false });
});
afterAll(async () => {
  await demo?.close();
  await live?.close();
  await t?.drop();
});

const ask = (c: ApiClient, number: string) => c.post('/api/webphone/credentials', { number });
function from(app: TestApp, address: string): ApiClient {
  const c = new ApiClient(app.baseUrl);
  c.headers['x-forwarded-for'] = address;
  return c;
}

describe('web-phone credentials', () => {
  it('in demo mode, gives anyone a phone for a customer number without signing in', async () => {
    const r = await ask(from(demo, '198.51.100.1'), '138 0013 8000');
    expect(r.status).toBe(200);
    expect(r.body.authorizationUsername).toBe('+8613800138000');
  });

  it("never gives out a kefu user's extension, in whatever form it is written", async () => {
    for (const written of ['+8613912345678', '139 1234 5678', '+86 139-1234-5678']) {
      const r = await ask(from(demo, '198.51.100.2'), written);
      expect(r.status, written).toBe(403);
      expect(r.body.error.message).toMatch(/extension/);
    }
  });

  it('limits how many phones one address may take in demo mode; other addresses go on', async () => {
    const greedy = from(demo, '198.51.100.3');
    const statuses: number[] = [];
    for (let i = 0; i < 201; i++) statuses.push((await ask(greedy, `+1 212 555 ${String(1000 + i)}`)).status);
    expect(statuses.slice(0, 200).every((s) => s === 200)).toBe(true);
    expect(statuses[200]).toBe(429);
    expect((await ask(from(demo, '198.51.100.4'), '+1 212 555 0142')).status).toBe(200);
    clock.advance(5_000); // refills ten
    expect((await ask(greedy, '+1 212 555 0142')).status).toBe(200);
  });

  it('outside demo mode, asks for a sign-in and a role that tests lines', async () => {
    expect((await ask(new ApiClient(live.baseUrl), '138 0013 8000')).status).toBe(401);
    expect((await ask(await new ApiClient(live.baseUrl).login('agent1'), '138 0013 8000')).status).toBe(403);
    expect((await ask(await new ApiClient(live.baseUrl).login('marketer1'), '138 0013 8000')).status).toBe(403);
    expect((await ask(await new ApiClient(live.baseUrl).login('supervisor1'), '138 0013 8000')).status).toBe(200);
    expect((await ask(await new ApiClient(live.baseUrl).login('admin1'), '138 0013 8000')).status).toBe(200);
  });
});
