// The live wallboard through the real wiring: supervisors watch over Socket.IO, a caller waits
// and hangs up, an agent changes state; the pushes follow (their speed is the floor bench's), agents are refused,
// and a restart rebuilds today's figures from the call log.
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { WallboardDelta, WallboardSnapshot } from '../../contract/index.js';
import { ApiClient, startTestApp } from '../support/test-app.js';
import { firstPush, seededApp } from '../support/seeded-app.js';

const live = seededApp();
const { calls } = live;

function push(socket: Socket, pass: (d: WallboardDelta) => boolean): Promise<WallboardDelta> {
  return firstPush(socket, 'wallboard:changed', pass);
}

async function watch(username: string): Promise<{ socket: Socket; snapshot: WallboardSnapshot }> {
  const socket = await calls.desk(await new ApiClient(live.app.baseUrl).login(username));
  const res = await socket.emitWithAck('wallboard:watch', {});
  if (!res.ok) throw new Error(res.error.code);
  return { socket, snapshot: res.data as WallboardSnapshot };
}

describe('the wallboard', () => {
  it('is refused to agents', async () => {
    const socket = await calls.desk(await new ApiClient(live.app.baseUrl).login('agent3'));
    expect(await socket.emitWithAck('wallboard:watch', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('gives a supervisor every queue and agent, with today starting at midnight in Shanghai', async () => {
    const { snapshot } = await watch('supervisor1');
    expect(snapshot.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['Customer support', 'Sales']));
    expect(snapshot.agents.map((a) => a.displayName)).toEqual(expect.arrayContaining(['李娜 Li Na']));
    expect(snapshot.timeZone).toBe('Asia/Shanghai');
    // Midnight in Shanghai is 16:00 UTC.
    expect(snapshot.dayStart).toMatch(/T16:00:00\.000Z$/);
    const support = snapshot.queues.find((q) => q.name === 'Customer support')!;
    expect(support.serviceLevelSetting).toEqual({ thresholdSeconds: 20, formula: 'answered_and_abandoned', shortAbandonSeconds: 5 });
  });

  it('shows a waiting caller at once to every supervisor, and the abandon when they hang up', async () => {
    const [a, b] = await Promise.all([watch('supervisor1'), watch('admin1')]);
    const before = a.snapshot.queues.find((q) => q.name === 'Customer support')!;
    const waiting = (d: WallboardDelta) => d.queues.some((q) => q.queueId === before.queueId && q.waiting === before.waiting + 1);
    const seenA = push(a.socket, waiting);
    const seenB = push(b.socket, waiting);
    // A caller reaches the hotline (the switch's side, as the ACD hears it); nobody is Ready, so they wait.
    const cc = live.app.composed.callCenter;
    cc.queueCallArrived({ callId: 'wallboard-wait-1', sipCallId: `wallboard-${Date.now()}`, callerNumber: '+8613912345678', callerDisplayName: null, dialled: '4008001234' });
    const [da] = await Promise.all([seenA, seenB]);
    const row = da.queues.find((q) => q.queueId === before.queueId)!;
    expect(row.oldestWaitingSince).not.toBeNull();
    expect(row.today.offered).toBe(before.today.offered + 1);

    const gone = push(a.socket, (d) => d.queues.some((q) => q.queueId === before.queueId && q.waiting === before.waiting));
    cc.callerLeft('wallboard-wait-1');
    const after = (await gone).queues.find((q) => q.queueId === before.queueId)!;
    // Hung up at once: a short abandon, counted apart.
    expect(after.today.shortAbandoned).toBe(before.today.shortAbandoned + 1);
    expect(after.today.abandoned).toBe(before.today.abandoned);
    expect(after.oldestWaitingSince).toBeNull();
  });

  it("shows an agent's state change live", async () => {
    const { socket, snapshot } = await watch('supervisor1');
    const agent = await new ApiClient(live.app.baseUrl).login('agent2');
    const desk = await calls.desk(agent);
    const id = (await live.t.db('users').where({ username: 'agent2' }).first('id')).id as number;
    const changed = push(socket, (d) => d.agents.some((x) => x.userId === id && x.state === 'not_ready' && x.reason === 'lunch'));
    expect(await desk.emitWithAck('agent:set-state', { state: 'not_ready', reason: 'lunch' })).toMatchObject({ ok: true });
    const row = (await changed).agents.find((x) => x.userId === id)!;
    expect(Date.parse(row.since)).toBeGreaterThan(Date.parse(snapshot.serverNow) - 1);
  });

  it("rebuilds today's figures from the call log after a restart", async () => {
    const { snapshot } = await watch('supervisor1');
    await live.app.composed.callsSettled();
    const before = snapshot.queues.find((q) => q.name === 'Customer support')!.today;
    expect(before.offered).toBeGreaterThan(0);
    await calls.close();
    await live.app.close();
    live.app = await startTestApp(live.t.db);
    const again = (await watch('supervisor1')).snapshot.queues.find((q) => q.name === 'Customer support')!.today;
    expect(again).toEqual(before);
  });
});
