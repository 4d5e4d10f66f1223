// Probing found that an agent could see any customer by dialling their number: the call was
// logged against the customer, and "has handled a call with them" let the agent in. Who dialled
// whom must grant nothing by itself; an answered queue offer, or a customer the agent chose on
// their own call, still does.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCallView, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { callReaches, registered } from '../../softphone/src/testing/phone-harness.js';
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
});
afterAll(async () => {
  await calls.close();
  await app?.close();
  await t?.drop();
});

const phone = (creds: SipCredentialsView) => calls.phone(creds);
const desk = (client: ApiClient) => calls.desk(client);

/** A customer of another agent's (not the caller's to see), with a number of its own. */
async function someoneElsesCustomer(number: string, owner: string): Promise<number> {
  const ownerId = (await t.db('users').where({ username: owner }).first('id')).id as number;
  const r = await admin.post('/api/customers', { name: `Private ${number}`, phones: [{ number }], ownerId });
  expect(r.status).toBe(201);
  return r.body.customer.id as number;
}

/** The agent dials `number` (answered by a web phone on it) and hangs up; resolves with what their console was shown. */
async function agentDials(agent: ApiClient, socket: Socket, number: string): Promise<LiveCallView> {
  const agentPhone = phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
  await agentPhone.start();
  await registered(agentPhone);
  const callee = phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number })).body);
  await callee.start();
  await registered(callee);
  const shown = new Promise<LiveCallView>((resolve) => socket.once('call:updated', resolve));
  const ringing = callReaches(callee, 'incoming');
  await agentPhone.dial(number);
  const view = await shown;
  await ringing;
  const over = new Promise((resolve) => socket.once('call:ended', resolve));
  await agentPhone.hangup();
  await over;
  await app.composed.callsSettled();
  await agentPhone.stop();
  await callee.stop();
  return view;
}

describe('visibility after a call outside a queue', () => {
  it("does not let an agent see another agent's customer by dialling their number", async () => {
    const customerId = await someoneElsesCustomer('+852 9123 0001', 'agent2');
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    expect((await agent.get(`/api/customers/${customerId}`)).status).toBe(403);

    const view = await agentDials(agent, await desk(agent), '+852 9123 0001');
    // The console was not shown who the number belongs to...
    expect(view.screenPop.primary).toBeNull();
    // ...the call is on record against the customer, for those who may see them...
    const row = await t.db('interactions').where({ id: view.interactionId }).first();
    expect(row).toMatchObject({ customer_id: customerId, direction: 'outbound' });
    expect((await admin.get(`/api/customers/${customerId}`)).body.interactions.items.map((i: { id: number }) => i.id)).toContain(view.interactionId);
    // ...and the agent still may not look.
    expect((await agent.get(`/api/customers/${customerId}`)).status).toBe(403);
    expect((await agent.get(`/api/customers?q=${encodeURIComponent('Private +852 9123 0001')}`)).body.items).toEqual([]);
  });

  it('keeps counting a customer the agent could already see as handled', async () => {
    const customerId = await someoneElsesCustomer('+852 9123 0002', 'agent3');
    const agent = await new ApiClient(app.baseUrl).login('agent3');
    const view = await agentDials(agent, await desk(agent), '+852 9123 0002');
    expect(view.screenPop.primary?.customer.id).toBe(customerId);
    expect(await t.db('interactions').where({ id: view.interactionId }).first('agent_handled')).toEqual({ agent_handled: true });
  });

  it('lets the agent see a customer they chose on their own call', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent2');
    const socket = await desk(agent);
    const agentPhone = phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await agentPhone.start();
    await registered(agentPhone);
    const callee = phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+852 9123 0003' })).body);
    await callee.start();
    await registered(callee);
    const shown = new Promise<LiveCallView>((resolve) => socket.once('call:updated', resolve));
    await agentPhone.dial('+852 9123 0003');
    const view = await shown;
    // Nobody has this number: the agent creates the caller on the call and chooses them.
    const created = await agent.post('/api/customers', { name: 'New on the line', phones: [{ number: '+852 9123 0003' }] });
    expect(created.status).toBe(201);
    const chosen = await socket.emitWithAck('call:choose-customer', { interactionId: view.interactionId, customerId: created.body.customer.id });
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    await agentPhone.hangup();
    await app.composed.callsSettled();
    expect(await t.db('interactions').where({ id: view.interactionId }).first('customer_id', 'agent_handled')).toEqual({ customer_id: created.body.customer.id, agent_handled: true });
    expect((await agent.get(`/api/customers/${created.body.customer.id}`)).status).toBe(200);
  });
});
