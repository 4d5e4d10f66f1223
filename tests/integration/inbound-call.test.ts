// The whole inbound path through the real wiring: REST-issued SIP accounts, real sip.js
// softphones over the built-in switch, the call center, the agent desk over Socket.IO and the
// call log in PostgreSQL. Only media is faked (no WebRTC in Node; the browser test covers it).
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCallView, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const calls = new CallHarness(() => app.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
});
afterAll(async () => {
  await calls.close();
  await app.close();
  await t.drop();
});

const phone = (creds: SipCredentialsView) => calls.phone(creds);
const desk = (client: ApiClient) => calls.desk(client);

function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

describe('an inbound call end to end', () => {
  it('rings the ready agent with the caller history, connects, and logs the call', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const socket = await desk(agent);
    const creds = await agent.get<SipCredentialsView>('/api/softphone/credentials');
    expect(creds.status).toBe(200);
    expect(creds.body.uri).toBe('sip:1001@kefu.test');
    expect(creds.body.wsServer).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sip$/);
    const agentPhone = phone(creds.body);
    await agentPhone.start();
    await registered(agentPhone);
    const ready = await socket.emitWithAck('agent:set-state', { state: 'ready' });
    expect(ready).toMatchObject({ ok: true, data: { state: 'ready', phoneReachable: true } });

    // The caller: a web phone registered as 张伟's number, written the way people write it.
    const callerCreds = await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '138 0013 8000' });
    expect(callerCreds.body.authorizationUsername).toBe('+8613800138000');
    const caller = phone(callerCreds.body);
    await caller.start();
    await registered(caller);

    const offered = next<LiveCallView>(socket, 'call:offered');
    const incoming = nextEvent(agentPhone, 'call:incoming');
    await caller.dial('4008001234');
    const offer = await offered;
    expect(offer.screenPop.primary?.customer.name).toBe('张伟');
    expect(offer.screenPop.primary?.openCases?.some((c) => c.kind === 'complaint')).toBe(true);
    expect(offer.queueName).toBe('Customer support');
    const { call } = await incoming;
    expect(call.interactionId).toBe(String(offer.interactionId));
    expect(call.remote.user).toBe('+8613800138000');

    const answered = next<LiveCallView>(socket, 'call:updated');
    await agentPhone.answer();
    await callReaches(caller, 'active');
    expect((await answered).state).toBe('talking');
    const notes = await socket.emitWithAck('call:save-notes', { interactionId: offer.interactionId, notes: '客户询问投诉进度' });
    expect(notes.ok).toBe(true);

    const ended = next<{ endReason: string }>(socket, 'call:ended');
    await agentPhone.hangup();
    await callReaches(caller, 'ended');
    expect((await ended).endReason).toBe('completed');
    await app.composed.callsSettled();

    const row = await t.db('interactions').where({ id: offer.interactionId }).first();
    // The notes are sealed at rest; the history below reads them in clear.
    expect(row).toMatchObject({ end_reason: 'completed', hangup_by: 'agent', notes: expect.stringMatching(/^enc:v1:/), caller_number: '+8613800138000' });
    expect(row.answered_at).not.toBeNull();
    expect(row.talk_seconds).toBeGreaterThanOrEqual(0);
    const today = await agent.get('/api/interactions/today');
    expect(today.body.items[0].id).toBe(offer.interactionId);
    const history = await agent.get(`/api/customers/${offer.screenPop.primary!.customer.id}`);
    expect(history.body.interactions.items[0]).toMatchObject({ id: offer.interactionId, notes: '客户询问投诉进度', agentName: '李娜 Li Na' });
    const desktop = await socket.emitWithAck('agent:get-desktop', {});
    // A reload during wrap-up still shows the call just ended, so notes and the customer can be set.
    expect(desktop).toMatchObject({ ok: true, data: { status: { state: 'wrap_up' }, call: { interactionId: offer.interactionId, state: 'wrap_up' } } });
    const late = await socket.emitWithAck('call:save-notes', { interactionId: offer.interactionId, notes: '已回复客户' });
    expect(late.ok).toBe(true);
  });

  it('pushes the offer and its pop to the agent\'s console before the INVITE reaches their phone', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent2');
    const socket = await desk(agent);
    // What arrives, in the order it arrives: the console's push, and the first SIP INVITE on the
    // agent phone's own WebSocket (seen before sip.js parses it).
    const arrivals: string[] = [];
    socket.on('call:offered', () => arrivals.push('pop'));
    class WatchedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.on('message', (data) => {
          if (String(data).startsWith('INVITE ')) arrivals.push('invite');
        });
      }
    }
    (globalThis as { WebSocket?: unknown }).WebSocket = WatchedWebSocket;
    const agentPhone = phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await agentPhone.start();
    await registered(agentPhone);
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true, data: { state: 'ready' } });

    const caller = phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+852 9123 4567' })).body);
    await caller.start();
    await registered(caller);
    const incoming = nextEvent(agentPhone, 'call:incoming');
    await caller.dial('4008001234');
    await incoming;
    expect(arrivals).toEqual(['pop', 'invite']);
    await caller.hangup();
    await app.composed.callsSettled();
  });

  it('tells the agent\'s console the interaction of a call they dial outside any queue', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent3');
    const socket = await desk(agent);
    const agentPhone = phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await agentPhone.start();
    await registered(agentPhone);
    const davidCreds = await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+1 212 555 0142' });
    const david = phone(davidCreds.body);
    await david.start();
    await registered(david);

    // No queue offers this call, and no X-Kefu-Interaction-Id rides on it: the push is how the
    // console learns which interaction its notes and wrap-up go to.
    const shown = next<LiveCallView>(socket, 'call:updated');
    const ringing = nextEvent(david, 'call:incoming');
    await agentPhone.dial('+1 212 555 0142');
    const view = await shown;
    const row = await t.db('interactions').where({ id: view.interactionId }).first();
    expect(row).toMatchObject({ direction: 'outbound', agent_id: (await t.db('users').where({ username: 'agent3' }).first('id')).id });
    expect(view).toMatchObject({ queueName: null, callerNumber: '+12125550142', state: 'ringing' });
    expect(view.screenPop.primary?.customer.name).toBe('David Miller');
    await ringing;

    const talking = next<LiveCallView>(socket, 'call:updated');
    const agentActive = callReaches(agentPhone, 'active');
    await david.answer();
    const call = await agentActive;
    // The softphone's call is the pushed one: the switch names it on its responses.
    expect(call.kefuCallId).toBe(view.callId);
    expect(await talking).toMatchObject({ interactionId: view.interactionId, state: 'talking' });
    expect(await socket.emitWithAck('call:save-notes', { interactionId: view.interactionId, notes: '回访：资料已收到' })).toMatchObject({ ok: true });

    const ended = next<{ interactionId: number; endReason: string }>(socket, 'call:ended');
    const wrapping = next<{ state: string; since: string; wrapUpEndsAt: string | null }>(socket, 'agent:state-changed');
    await agentPhone.hangup();
    expect(await ended).toMatchObject({ interactionId: view.interactionId, endReason: 'completed' });
    const state = await wrapping;
    expect(state.state).toBe('wrap_up');
    // Calls outside a queue get a fixed 30 s of wrap-up.
    expect(Date.parse(state.wrapUpEndsAt!) - Date.parse(state.since)).toBeGreaterThanOrEqual(29_000);
    expect(Date.parse(state.wrapUpEndsAt!) - Date.parse(state.since)).toBeLessThanOrEqual(30_000);
    // A reload in wrap-up still finds the call.
    expect(await socket.emitWithAck('agent:get-desktop', {})).toMatchObject({
      ok: true,
      data: { status: { state: 'wrap_up' }, call: { interactionId: view.interactionId, state: 'wrap_up' } },
    });
  });

  it("rings an agent's phone when a caller dials the number the admin gave that agent", async () => {
    const admin = await new ApiClient(app.baseUrl).login('admin1');
    const agent2 = (await t.db('users').where({ username: 'agent2' }).first('id')).id as number;
    const given = await admin.post('/api/admin/phone-numbers', { number: '010 5800 6666', destination: { kind: 'agent', userId: agent2 } });
    expect(given.status, JSON.stringify(given.body)).toBe(201);

    const agent = await new ApiClient(app.baseUrl).login('agent2');
    const agentPhone = phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await agentPhone.start();
    await registered(agentPhone);
    const caller = phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+852 9123 4568' })).body);
    await caller.start();
    await registered(caller);

    // Dialled in any written form: the number is found as the admin stored it (E.164).
    const incoming = nextEvent(agentPhone, 'call:incoming');
    await caller.dial('01058006666');
    const { call: offered } = await incoming;
    // The agent's phone shows who is calling.
    expect(offered.remote.user).toBe('+85291234568');
    const active = callReaches(caller, 'active');
    await agentPhone.answer();
    await active;
    await caller.hangup();
    await app.composed.callsSettled();
  });

  it('refuses SIP accounts and desk commands to those who may not have them', async () => {
    expect((await new ApiClient(app.baseUrl).get('/api/softphone/credentials')).status).toBe(401);
    const marketer = await new ApiClient(app.baseUrl).login('marketer1');
    expect((await marketer.get('/api/softphone/credentials')).status).toBe(403);
    const agent2 = await new ApiClient(app.baseUrl).login('agent2');
    const socket = await desk(agent2);
    expect(await socket.emitWithAck('agent:set-state', { state: 'on_call' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Notes only on one's own calls.
    const other = await t.db('interactions').whereNot({ agent_id: (await t.db('users').where({ username: 'agent2' }).first('id')).id }).whereNotNull('agent_id').first('id');
    expect(await socket.emitWithAck('call:save-notes', { interactionId: other.id, notes: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await new ApiClient(app.baseUrl).post('/api/webphone/credentials', { number: 'abc' })).status).toBe(400);
  });
});
