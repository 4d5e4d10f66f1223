// The number a called party sees when a staff phone calls out: the site's default outbound
// caller id once an admin marks one, the agent's own number before that, and always the
// colleague's own extension between staff. Real sip.js phones over the built-in switch.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPhoneNumberList, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let agentPhone: Softphone;
const calls = new CallHarness(() => app.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  const agent = await new ApiClient(app.baseUrl).login('agent1');
  agentPhone = calls.phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
  await agentPhone.start();
  await registered(agentPhone);
});
afterAll(async () => {
  await calls.close();
  await app?.close();
  await t?.drop();
});

/** agent1's phone dials `number`, answered by `callee`'s phone; resolves with who the callee saw calling. */
async function seenBy(callee: Softphone, number: string): Promise<string | undefined> {
  const incoming = nextEvent(callee, 'call:incoming');
  await agentPhone.dial(number);
  const { call } = await incoming;
  await agentPhone.hangup();
  await callReaches(callee, 'ended');
  await app.composed.callsSettled();
  return call.remote.user;
}

async function customerPhone(number: string): Promise<Softphone> {
  const p = calls.phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number })).body);
  await p.start();
  await registered(p);
  return p;
}

async function colleaguePhone(username: string): Promise<{ phone: Softphone; extension: string }> {
  const client = await new ApiClient(app.baseUrl).login(username);
  const creds = (await client.get<SipCredentialsView>('/api/softphone/credentials')).body;
  const p = calls.phone(creds);
  await p.start();
  await registered(p);
  return { phone: p, extension: creds.authorizationUsername };
}

describe('the outbound caller id', () => {
  it("shows the agent's own number while no default is set, the default once an admin marks one", async () => {
    const customer = await customerPhone('+852 9123 0101');
    const { phone: colleague, extension } = await colleaguePhone('agent2');
    expect(await seenBy(customer, '+852 9123 0101')).toBe('1001');

    const numbers = await admin.get<AdminPhoneNumberList>('/api/admin/phone-numbers');
    const hotline = numbers.body.items[0]!;
    const marked = await admin.patch(`/api/admin/phone-numbers/${hotline.id}`, { version: hotline.version, defaultOutbound: true });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);

    // Taken on the next call, without a restart.
    expect(await seenBy(customer, '+852 9123 0101')).toBe(hotline.number);
    // A colleague still sees who rings.
    expect(await seenBy(colleague, extension)).toBe('1001');

    // Unmarked again: back to the agent's own number.
    const fresh = (await admin.get<AdminPhoneNumberList>('/api/admin/phone-numbers')).body.items.find((n) => n.id === hotline.id)!;
    expect((await admin.patch(`/api/admin/phone-numbers/${hotline.id}`, { version: fresh.version, defaultOutbound: false })).status).toBe(200);
    expect(await seenBy(customer, '+852 9123 0101')).toBe('1001');
  });
});
