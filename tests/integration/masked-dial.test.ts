// An agent whose role sees customers' numbers masked can still call them: the console asks for
// a one-time dial token by reference (customer, place of the number), the agent's phone dials
// the token, and the switch rings the real number. Nothing the agent's browser receives (HTTP,
// socket, SIP identity) holds the number whole.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaskedDial, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
const calls = new CallHarness(() => app.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  // Agents see numbers masked, as a site that keeps numbers from its agents would set it.
  const policy = await admin.get('/api/privacy/phone-masking');
  const saved = await admin.put('/api/privacy/phone-masking', { value: { maskedRoles: ['marketer', 'agent'] }, version: policy.body.version });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await calls.close();
  await app?.close();
  await t?.drop();
});

/** A customer owned by `owner`, with one number. */
async function customerOf(owner: string, number: string): Promise<number> {
  const ownerId = (await t.db('users').where({ username: owner }).first('id')).id as number;
  const r = await admin.post('/api/customers', { name: `Masked customer ${number.slice(-2)}`, phones: [{ number }], ownerId });
  expect(r.status).toBe(201);
  return r.body.customer.id as number;
}

async function registeredPhone(creds: SipCredentialsView): Promise<Softphone> {
  const p = calls.phone(creds);
  await p.start();
  await registered(p);
  return p;
}

/** Everything the server pushed to this console, in order. */
function recordPushes(socket: Socket): unknown[] {
  const seen: unknown[] = [];
  socket.onAny((event: string, ...args: unknown[]) => seen.push({ event, args }));
  return seen;
}

describe('dialling a number the agent sees masked', () => {
  it('rings the real number, while the agent is only ever shown it masked', async () => {
    const customerId = await customerOf('agent1', '+852 9123 0101');
    const whole = /9123\D*0101/;
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const socket = await calls.desk(agent);
    const pushes = recordPushes(socket);

    const seen = await agent.get(`/api/customers/${customerId}`);
    expect(seen.body.customer.phonesMasked).toBe(true);
    const shown = seen.body.customer.phones[0].e164 as string;
    expect(shown).toBe('+852****0101');

    const agentPhone = await registeredPhone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    const customerPhone = await registeredPhone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+852 9123 0101' })).body);

    const dial = await agent.post<MaskedDial>(`/api/customers/${customerId}/phones/0/dial`, { shown });
    expect(dial.status).toBe(200);
    expect(dial.body.shownAs).toBe('+852****0101');
    const ringing = callReaches(customerPhone, 'incoming');
    const onDesk = new Promise<{ callerNumber: string; numberHidden?: boolean; interactionId: number }>((resolve) => socket.once('call:updated', resolve));
    const placed = await agentPhone.dial(dial.body.target);
    await ringing; // the customer's phone rings
    const view = await onDesk;
    expect(view).toMatchObject({ callerNumber: '+852****0101', numberHidden: true });
    await customerPhone.answer();
    await callReaches(agentPhone, 'active');
    // Choosing the customer on the call answers the pop masked too.
    const chosen = await socket.emitWithAck('call:choose-customer', { interactionId: view.interactionId, customerId });
    expect(chosen).toMatchObject({ ok: true, data: { primary: { customer: { id: customerId } } } });
    const over = new Promise((resolve) => socket.once('call:ended', resolve));
    await agentPhone.hangup();
    await over;
    await app.composed.callsSettled();

    // Logged truly, against the customer, with the number whole for those who may see it.
    expect(await t.db('interactions').where({ id: view.interactionId }).first('caller_number', 'customer_id', 'number_hidden')).toEqual({
      caller_number: '+85291230101',
      customer_id: customerId,
      number_hidden: true,
    });
    const today = await agent.get('/api/interactions/today');
    expect(today.body.items.map((i: { id: number }) => i.id)).toContain(view.interactionId);
    const audit = await t.db('audit_log').where({ action: 'customer.phone.dial', entity_id: String(customerId) }).first('outcome', 'user_id');
    expect(audit?.outcome).toBe('allowed');

    // Nothing the agent's browser received holds the number whole.
    for (const received of [seen.body, dial.body, pushes, chosen, today.body, placed, agentPhone.call ?? null]) {
      expect(JSON.stringify(received)).not.toMatch(whole);
    }
    expect(pushes.length).toBeGreaterThan(0);
  });

  it('honours a token once, and only from the phone of the agent it was issued to', async () => {
    const customerId = await customerOf('agent3', '+852 9123 0102');
    const agent = await new ApiClient(app.baseUrl).login('agent3');
    const other = await new ApiClient(app.baseUrl).login('agent2');
    const agentPhone = await registeredPhone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    const otherPhone = await registeredPhone((await other.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await registeredPhone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+852 9123 0102' })).body);

    const dial = await agent.post<MaskedDial>(`/api/customers/${customerId}/phones/0/dial`, { shown: '+852****0102' });
    expect(dial.status).toBe(200);
    // Someone else's phone dialling the token finds nothing, and spends it.
    const refused = nextEvent(otherPhone, 'call:state-changed', (e) => e.call.state === 'ended');
    await otherPhone.dial(dial.body.target);
    expect((await refused).call.end).toMatchObject({ reason: 'remote-reject', statusCode: 404 });
    const again = nextEvent(agentPhone, 'call:state-changed', (e) => e.call.state === 'ended');
    await agentPhone.dial(dial.body.target);
    expect((await again).call.end).toMatchObject({ reason: 'remote-reject', statusCode: 404 });
  });

  it("refuses a customer the agent may not see, and one whose list changed since it was shown", async () => {
    const theirs = await customerOf('agent2', '+852 9123 0103');
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const refused = await agent.post(`/api/customers/${theirs}/phones/0/dial`, { shown: '+852****0103' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/9123\D*0103/);
    expect(await t.db('audit_log').where({ entity: 'customer', entity_id: String(theirs), user_id: (await t.db('users').where({ username: 'agent1' }).first('id')).id, outcome: 'denied' }).first('action')).toBeTruthy();

    const mine = await customerOf('agent1', '+852 9123 0104');
    expect((await agent.post(`/api/customers/${mine}/phones/0/dial`, { shown: '+852****0999' })).status).toBe(409);
    expect((await agent.post(`/api/customers/${mine}/phones/3/dial`, { shown: '+852****0104' })).status).toBe(404);
    // Marketers have no phone to dial with.
    const marketer = await new ApiClient(app.baseUrl).login('marketer1');
    expect((await marketer.post(`/api/customers/${mine}/phones/0/dial`, { shown: '+852****0104' })).status).toBe(403);
  });
});
