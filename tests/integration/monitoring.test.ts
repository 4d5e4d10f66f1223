// Listening to, coaching and joining an agent's call through the real wiring: a queue call
// between real sip.js phones (media faked), the supervisor's and the agent's consoles as real
// Socket.IO clients exchanging the monitoring session's offer and answer, who may monitor whom
// in which mode, the audit log, and the session ending with the call.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, LiveCallView, MonitorEnded, MonitorModeChanged, MonitorOffered, MonitorSessionView, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const calls = new CallHarness(() => app.baseUrl);
const ids: Record<string, number> = {};
const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const ANSWER = OFFER.replace('o=- 1 1', 'o=- 2 2');

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 0);
  const agent1 = await t.db('users').where({ username: 'agent1' }).first();
  const { id: _id, ...row } = agent1;
  const sales = (await t.db('teams').where({ name: 'Sales' }).first('id')).id;
  await t.db('users').insert({ ...row, username: 'salesagent', display_name: 'Sales Agent', extension: '1011', team_id: sales });
  for (const u of ['agent1', 'agent2', 'agent3', 'salesagent', 'supervisor1', 'admin1']) ids[u] = (await t.db('users').where({ username: u }).first('id')).id;
  app = await startTestApp(t.db);
});
afterAll(async () => {
  await calls.close();
  await app.close();
  await t.drop();
});

function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

const auditOf = (action: string) => t.db('audit_log').where({ action }).orderBy('id');

/** An agent on a queue call with a caller (each test its own agent: the last one is in wrap-up). */
async function agentOnCall(username: string) {
  const agent = await new ApiClient(app.baseUrl).login(username);
  const desk = await calls.desk(agent);
  const agentPhone = calls.phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
  await agentPhone.start();
  await registered(agentPhone);
  expect((await desk.emitWithAck('agent:set-state', { state: 'ready' })).ok).toBe(true);
  const caller = calls.phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '13800138000' })).body);
  await caller.start();
  await registered(caller);
  const offered = next<LiveCallView>(desk, 'call:offered');
  const incoming = nextEvent(agentPhone, 'call:incoming');
  await caller.dial('4008001234');
  const { interactionId } = await offered;
  await incoming;
  const answered = next<LiveCallView>(desk, 'call:updated');
  await agentPhone.answer();
  await callReaches(caller, 'active');
  await answered;
  return { desk, agentPhone, caller, interactionId };
}

async function openConsole(username: string): Promise<Socket> {
  return calls.desk(await new ApiClient(app.baseUrl).login(username));
}

describe('monitoring a call from the browser', () => {
  it('relays the offer and answer, switches modes on both ends, ends with the call, and audits each step', async () => {
    const supervisor = await openConsole('supervisor1');
    // Nothing to monitor before the call.
    const early = await supervisor.emitWithAck('monitor:start', { agentUserId: ids.agent1!, mode: 'listen', offer: OFFER });
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'This agent is not on a call' } });

    const { desk, agentPhone, caller, interactionId } = await agentOnCall('agent1');
    const offered = next<MonitorOffered>(desk, 'monitor:offered');
    const started = (await supervisor.emitWithAck('monitor:start', { agentUserId: ids.agent1!, mode: 'listen', offer: OFFER })) as Ack<MonitorSessionView>;
    expect(started).toMatchObject({ ok: true, data: { agentUserId: ids.agent1, mode: 'listen', allowedModes: ['listen', 'whisper', 'barge'] } });
    const session = (started as { data: MonitorSessionView }).data;
    // The agent's console gets the supervisor's offer and who is listening (the site lets agents see it).
    expect(await offered).toEqual({ sessionId: session.sessionId, callId: session.callId, mode: 'listen', offer: OFFER, supervisor: { id: ids.supervisor1, name: '陈静 (Supervisor)' } });

    // A second session on the same call is refused while the first runs.
    const admin = await openConsole('admin1');
    expect(await admin.emitWithAck('monitor:start', { agentUserId: ids.agent1!, mode: 'barge', offer: OFFER })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const answered = next<{ sessionId: string; answer: string }>(supervisor, 'monitor:answered');
    expect(await desk.emitWithAck('monitor:answer', { sessionId: session.sessionId, answer: ANSWER })).toEqual({ ok: true, data: { answered: true } });
    expect(await answered).toEqual({ sessionId: session.sessionId, answer: ANSWER });

    // Whisper, then barge, without a new session: both ends hear of each change.
    for (const mode of ['whisper', 'barge'] as const) {
      const atAgent = next<MonitorModeChanged>(desk, 'monitor:mode-changed');
      const changed = await supervisor.emitWithAck('monitor:set-mode', { sessionId: session.sessionId, mode });
      expect(changed).toMatchObject({ ok: true, data: { mode } });
      expect(await atAgent).toEqual({ sessionId: session.sessionId, mode });
    }
    // Only the supervisor who started it drives it.
    expect(await admin.emitWithAck('monitor:set-mode', { sessionId: session.sessionId, mode: 'listen' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The caller hangs up: the session ends on both ends.
    const endedAtSupervisor = next<MonitorEnded>(supervisor, 'monitor:ended');
    const endedAtAgent = next<MonitorEnded>(desk, 'monitor:ended');
    await caller.hangup();
    await callReaches(agentPhone, 'ended');
    expect(await endedAtSupervisor).toEqual({ sessionId: session.sessionId, reason: 'call_ended' });
    expect(await endedAtAgent).toEqual({ sessionId: session.sessionId, reason: 'call_ended' });
    expect(await supervisor.emitWithAck('monitor:stop', { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await app.composed.callsSettled();
    const rows = await t.db('audit_log').where('action', 'like', 'monitoring.%').andWhere({ outcome: 'allowed' }).orderBy('id');
    expect(rows.map((r) => [r.action, r.user_id, r.entity, r.entity_id])).toEqual([
      ['monitoring.started', ids.supervisor1, 'interaction', String(interactionId)],
      ['monitoring.mode_changed', ids.supervisor1, 'interaction', String(interactionId)],
      ['monitoring.mode_changed', ids.supervisor1, 'interaction', String(interactionId)],
      ['monitoring.ended', ids.supervisor1, 'interaction', String(interactionId)],
    ]);
    expect(rows.map((r) => r.detail)).toEqual([
      expect.objectContaining({ sessionId: session.sessionId, agentId: ids.agent1, callId: session.callId, mode: 'listen' }),
      expect.objectContaining({ from: 'listen', to: 'whisper' }),
      expect.objectContaining({ from: 'whisper', to: 'barge' }),
      expect.objectContaining({ reason: 'call_ended', mode: 'barge' }),
    ]);
  });

  it("refuses agents, another team's agent (audited) and bad payloads, and ends a session when the supervisor stops", async () => {
    const { desk, caller } = await agentOnCall('agent2');
    const agent = await openConsole('agent3');
    expect(await agent.emitWithAck('monitor:start', { agentUserId: ids.agent2!, mode: 'listen', offer: OFFER })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Monitoring calls is for supervisors and admins' },
    });
    const supervisor = await openConsole('supervisor1');
    expect(await supervisor.emitWithAck('monitor:start', { agentUserId: ids.salesagent!, mode: 'listen', offer: OFFER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await auditOf('monitoring.started').where({ outcome: 'denied' })).toEqual([expect.objectContaining({ user_id: ids.supervisor1, entity_id: String(ids.salesagent) })]);
    expect(await supervisor.emitWithAck('monitor:start', { agentUserId: ids.agent2!, mode: 'shout', offer: OFFER })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await supervisor.emitWithAck('monitor:start', { agentUserId: 999_999, mode: 'listen', offer: OFFER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Another agent cannot answer someone else's session.
    const offered = next<MonitorOffered>(desk, 'monitor:offered');
    const started = (await supervisor.emitWithAck('monitor:start', { agentUserId: ids.agent2!, mode: 'listen', offer: OFFER })) as { ok: true; data: MonitorSessionView };
    const { sessionId } = await offered;
    expect(await agent.emitWithAck('monitor:answer', { sessionId, answer: ANSWER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const ended = next<MonitorEnded>(desk, 'monitor:ended');
    expect(await supervisor.emitWithAck('monitor:stop', { sessionId: started.data.sessionId })).toEqual({ ok: true, data: { stopped: true } });
    expect(await ended).toEqual({ sessionId, reason: 'stopped' });
    await caller.hangup();
  });

  it("lets an admin monitor any team's agent, and ends the session when the supervisor's page closes", async () => {
    const { desk, caller } = await agentOnCall('agent3');
    const admin = await openConsole('admin1');
    const offered = next<MonitorOffered>(desk, 'monitor:offered');
    expect(await admin.emitWithAck('monitor:start', { agentUserId: ids.agent3!, mode: 'barge', offer: OFFER })).toMatchObject({ ok: true, data: { mode: 'barge' } });
    const { sessionId } = await offered;
    expect((await desk.emitWithAck('monitor:answer', { sessionId, answer: ANSWER })).ok).toBe(true);
    const ended = next<MonitorEnded>(desk, 'monitor:ended');
    admin.close();
    expect(await ended).toEqual({ sessionId, reason: 'supervisor_left' });
    await caller.hangup();
  });
});
