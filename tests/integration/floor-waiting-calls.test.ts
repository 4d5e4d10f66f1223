// The Floor page's waiting calls through the real wiring: a supervisor watches over Socket.IO,
// a caller waits and hangs up, and the whole list is pushed each time; agents are refused.
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { FloorWaitingCallList } from '../../contract/index.js';
import { ApiClient } from '../support/test-app.js';
import { firstPush, seededApp } from '../support/seeded-app.js';

const live = seededApp();
const { calls } = live;

function push(socket: Socket, pass: (l: FloorWaitingCallList) => boolean): Promise<FloorWaitingCallList> {
  return firstPush(socket, 'floor:waiting-changed', pass);
}

describe('the Floor page’s waiting calls', () => {
  it('are refused to agents, and the refusal is audited', async () => {
    const socket = await calls.desk(await new ApiClient(live.app.baseUrl).login('agent3'));
    expect(await socket.emitWithAck('floor:watch-waiting', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const agentId = (await live.t.db('users').where({ username: 'agent3' }).first('id')).id as number;
    const refusals = (await live.t.db('audit_log').where({ action: 'socket.refused', user_id: agentId, outcome: 'denied' }).select('detail')) as { detail: { reason: string } }[];
    expect(refusals.map((r) => r.detail.reason)).toContain('floor.supervisorsOnly');
  });

  it('are given to a supervisor, then pushed whole as a caller joins the queue and hangs up', async () => {
    const socket = await calls.desk(await new ApiClient(live.app.baseUrl).login('supervisor1'));
    const res = await socket.emitWithAck('floor:watch-waiting', {});
    if (!res.ok) throw new Error(res.error.code);
    const first = res.data as FloorWaitingCallList;
    expect(first.items.some((c) => c.callId === 'floor-wait-1')).toBe(false);
    expect(first.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['Customer support']));

    const joined = push(socket, (l) => l.items.some((c) => c.callId === 'floor-wait-1'));
    // A caller reaches the hotline (the switch's side, as the ACD hears it); nobody is Ready, so they wait.
    const cc = live.app.composed.callCenter;
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
