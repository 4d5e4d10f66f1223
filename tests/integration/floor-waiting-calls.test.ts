// The Floor page's waiting calls through the real wiring: a supervisor watches over Socket.IO,
// a caller waits and hangs up, and the whole list is pushed each time; agents are refused.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorWaitingCallList } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
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

/** Resolves with the first push that passes the test (its speed is the floor bench's business). */
function push(socket: Socket, pass: (l: FloorWaitingCallList) => boolean): Promise<FloorWaitingCallList> {
  return new Promise((resolve) => {
    const on = (l: FloorWaitingCallList) => {
      if (!pass(l)) return;
      socket.off('floor:waiting-changed', on);
      resolve(l);
    };
    socket.on('floor:waiting-changed', on);
  });
}

describe('the Floor page’s waiting calls', () => {
  it('are refused to agents, and the refusal is audited', async () => {
    const socket = await calls.desk(await new ApiClient(app.baseUrl).login('agent3'));
    expect(await socket.emitWithAck('floor:watch-waiting', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const agentId = (await t.db('users').where({ username: 'agent3' }).first('id')).id as number;
    const refusals = (await t.db('audit_log').where({ action: 'socket.refused', user_id: agentId, outcome: 'denied' }).select('detail')) as { detail: { reason: string } }[];
    expect(refusals.map((r) => r.detail.reason)).toContain('floor.supervisorsOnly');
  });

  it('are given to a supervisor, then pushed whole as a caller joins the queue and hangs up', async () => {
    const socket = await calls.desk(await new ApiClient(app.baseUrl).login('supervisor1'));
    const res = await socket.emitWithAck('floor:watch-waiting', {});
    if (!res.ok) throw new Error(res.error.code);
    const first = res.data as FloorWaitingCallList;
    expect(first.items.some((c) => c.callId === 'floor-wait-1')).toBe(false);
    expect(first.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['Customer support']));

    const joined = push(socket, (l) => l.items.some((c) => c.callId === 'floor-wait-1'));
    // A caller reaches the hotline (the switch's side, as the ACD hears it); nobody is Ready, so they wait.
    const cc = app.composed.callCenter;
    cc.queueCallArrived({ callId: 'floor-wait-1', sipCallId: `floor-${Date.now()}`, callerNumber: '+8613912345678', callerDisplayName: null, dialled: '4008001234' });
    const call = (await joined).items.find((c) => c.callId === 'floor-wait-1')!;
    expect(call).toMatchObject({ queueName: 'Customer support', ringingAgentId: null });
    // No personal data on the floor: the list carries no number.
    expect(JSON.stringify(call)).not.toContain('13912345678');

    const left = push(socket, (l) => !l.items.some((c) => c.callId === 'floor-wait-1'));
    cc.callerLeft('floor-wait-1');
    await left;
  });
});
