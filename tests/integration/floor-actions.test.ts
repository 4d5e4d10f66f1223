// A supervisor acting on the floor through the real wiring: REST actions, the agent's desk
// socket hearing them, the audit log recording them, and a waiting call pulled to an agent
// over the built-in switch with real sip.js phones (media faked).
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStatusView, FloorNotice, FloorWaitingCallList, LiveCallView, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const calls = new CallHarness(() => app.baseUrl);
const ids: Record<string, number> = {};

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 0);
  const agent1 = await t.db('users').where({ username: 'agent1' }).first();
  const { id: _id, ...row } = agent1;
  const sales = (await t.db('teams').where({ name: 'Sales' }).first('id')).id;
  // A support agent in no queue (routing never rings them; a pull can), and a sales agent.
  await t.db('users').insert({ ...row, username: 'floater', display_name: 'Floater', extension: '1010' });
  await t.db('users').insert({ ...row, username: 'salesagent', display_name: 'Sales Agent', extension: '1011', team_id: sales });
  for (const u of ['agent1', 'agent2', 'agent3', 'floater', 'salesagent', 'supervisor1']) ids[u] = (await t.db('users').where({ username: u }).first('id')).id;
  app = await startTestApp(t.db);
});
afterAll(async () => {
  await calls.close();
  await app.close();
  await t.drop();
});

function next<T>(socket: Socket, event: string, where: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const on = (p: T) => {
      if (!where(p)) return;
      socket.off(event, on);
      resolve(p);
    };
    socket.on(event, on);
  });
}

const auditOf = (action: string) => t.db('audit_log').where({ action }).orderBy('id');

describe('a supervisor acting on an agent', () => {
  it("forces the agent Not ready with a reason: the agent's desk hears the state and why, and the log has who did it", async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const desk = await calls.desk(agent);
    expect((await desk.emitWithAck('agent:set-state', { state: 'ready' })).ok).toBe(true);
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');

    const state = next<AgentStatusView>(desk, 'agent:state-changed', (s) => s.state === 'not_ready');
    const notice = next<FloorNotice>(desk, 'floor:notice');
    const res = await supervisor.post(`/api/floor/agents/${ids.agent1}/not-ready`, { reason: 'training' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 'now', state: 'not_ready' });
    expect(await state).toMatchObject({ state: 'not_ready', reason: 'training' });
    expect(await notice).toMatchObject({ kind: 'forced_not_ready', reason: 'training', from: { id: ids.supervisor1, name: '陈静 (Supervisor)' } });

    const [row] = await auditOf('floor.force_not_ready');
    expect(row).toMatchObject({ user_id: ids.supervisor1, entity: 'user', entity_id: String(ids.agent1), outcome: 'allowed' });
    expect(row.detail).toMatchObject({ reason: 'training', applied: 'now' });
    expect(row.at).toBeTruthy();

    const list = await supervisor.get('/api/floor/agents');
    expect(list.body.items.find((a: { userId: number }) => a.userId === ids.agent1)).toMatchObject({ state: 'not_ready', reason: 'training' });
    expect(list.body.items.map((a: { userId: number }) => a.userId)).not.toContain(ids.salesagent);
  });

  it("refuses another team's agent (audited), agents, and reasons an agent could not choose", async () => {
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const refused = await supervisor.post(`/api/floor/agents/${ids.salesagent}/not-ready`, { reason: 'break' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("You can act only on your own team's agents");
    expect(await auditOf('floor.force_not_ready').where({ outcome: 'denied' })).toEqual([
      expect.objectContaining({ user_id: ids.supervisor1, entity_id: String(ids.salesagent) }),
    ]);
    expect((await supervisor.post(`/api/floor/agents/${ids.salesagent}/messages`, { text: 'hi' })).status).toBe(403);
    expect((await supervisor.post(`/api/floor/agents/${ids.agent1}/not-ready`, { reason: 'missed' })).status).toBe(400);
    expect((await supervisor.post(`/api/floor/agents/${ids.agent1}/not-ready`, { reason: 'break', extra: 1 })).status).toBe(400);
    expect((await supervisor.post('/api/floor/agents/999999/log-out', {})).status).toBe(404);

    const agent = await new ApiClient(app.baseUrl).login('agent2');
    expect((await agent.post(`/api/floor/agents/${ids.agent1}/not-ready`, { reason: 'break' })).status).toBe(403);
    expect((await agent.get('/api/floor/agents')).status).toBe(403);
    expect((await new ApiClient(app.baseUrl).get('/api/floor/agents')).status).toBe(401);

    // An admin acts on every team's agents; answers are in the viewer's language.
    const admin = await new ApiClient(app.baseUrl).login('admin1');
    admin.headers['accept-language'] = 'zh-CN';
    const notSignedIn = await admin.post(`/api/floor/agents/${ids.salesagent}/not-ready`, { reason: 'break' });
    expect(notSignedIn.status).toBe(409);
    expect(notSignedIn.body.error.message).toBe('该坐席未签入。');
  });

  it("logs an agent out: their desk shows it and why, and choosing a state signs them back in", async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent2');
    const desk = await calls.desk(agent);
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const state = next<AgentStatusView>(desk, 'agent:state-changed', (s) => s.state === 'logged_out');
    const notice = next<FloorNotice>(desk, 'floor:notice');
    const res = await supervisor.post(`/api/floor/agents/${ids.agent2}/log-out`, {});
    expect(res.body).toEqual({ applied: 'now', state: 'logged_out' });
    expect(await state).toMatchObject({ state: 'logged_out', reason: 'supervisor' });
    expect((await notice).kind).toBe('logged_out');
    expect(await auditOf('floor.log_out')).toEqual([expect.objectContaining({ user_id: ids.supervisor1, entity_id: String(ids.agent2) })]);
    expect(await desk.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true, data: { state: 'ready' } });
  });

  it("sends a message the agent's desk shows, and refuses one to an agent with no console open", async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent3');
    const desk = await calls.desk(agent);
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const notice = next<FloorNotice>(desk, 'floor:notice');
    const res = await supervisor.post(`/api/floor/agents/${ids.agent3}/messages`, { text: '  请在 10 分钟后参加例会  ' });
    expect(res.status).toBe(201);
    expect(await notice).toMatchObject({ kind: 'message', text: '请在 10 分钟后参加例会', from: { id: ids.supervisor1 } });
    expect(await auditOf('floor.message').where({ outcome: 'allowed' })).toEqual([expect.objectContaining({ entity_id: String(ids.agent3), detail: { text: '请在 10 分钟后参加例会' } })]);

    const offline = await supervisor.post(`/api/floor/agents/${ids.floater}/messages`, { text: 'hello' });
    expect(offline.status).toBe(409);
    expect((await supervisor.post(`/api/floor/agents/${ids.agent3}/messages`, { text: '   ' })).status).toBe(400);
  });
});

describe('pulling a waiting call', () => {
  it('rings the named agent with the call, and the log has the pull', async () => {
    const floater = await new ApiClient(app.baseUrl).login('floater');
    const desk = await calls.desk(floater);
    const phone = calls.phone((await floater.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await phone.start();
    await registered(phone);
    expect(await desk.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true, data: { phoneReachable: true } });
    // Nobody of the queue is Ready (agent2 and agent3 are signed in from above): the caller waits.
    for (const name of ['agent2', 'agent3']) {
      const c = await new ApiClient(app.baseUrl).login(name);
      expect((await (await calls.desk(c)).emitWithAck('agent:set-state', { state: 'not_ready', reason: 'break' })).ok).toBe(true);
    }
    const caller = calls.phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '13800138000' })).body);
    await caller.start();
    await registered(caller);
    await caller.dial('4008001234');

    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    let waiting: FloorWaitingCallList = { items: [], queues: [] };
    while (waiting.items.length === 0) {
      await app.composed.callsSettled(); // the admission's idle signal: the call is in its queue
      waiting = (await supervisor.get<FloorWaitingCallList>('/api/floor/waiting-calls')).body;
    }
    const [call] = waiting.items;
    expect(call).toMatchObject({ queueName: 'Customer support', ringingAgentId: null });
    expect(waiting.queues.map((q) => q.name)).toEqual(['Customer support', 'Sales']);

    const refused = await supervisor.post(`/api/floor/waiting-calls/${call!.callId}/pull`, { to: { kind: 'agent', agentId: ids.salesagent } });
    expect(refused.status).toBe(403);
    expect((await supervisor.post(`/api/floor/waiting-calls/${call!.callId}/pull`, { to: { kind: 'nowhere' } })).status).toBe(400);

    const offered = next<LiveCallView>(desk, 'call:offered');
    const res = await supervisor.post(`/api/floor/waiting-calls/${call!.callId}/pull`, { to: { kind: 'agent', agentId: ids.floater } });
    expect(res.status).toBe(200);
    expect((await offered).queueName).toBe('Customer support');
    const [row] = await auditOf('floor.pull_call').where({ outcome: 'allowed' });
    expect(row).toMatchObject({ user_id: ids.supervisor1, entity: 'interaction', entity_id: String((await offered).interactionId) });
    expect(row.detail).toMatchObject({ callId: call!.callId, toAgentId: ids.floater });
    expect((await supervisor.get<FloorWaitingCallList>('/api/floor/waiting-calls')).body.items[0]).toMatchObject({ ringingAgentId: ids.floater });
  });
});
