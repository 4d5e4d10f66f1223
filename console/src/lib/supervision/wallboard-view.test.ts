import { describe, expect, it } from 'vitest';
import type { AgentFloorRow } from '@kefu/contract';
import { abandonAlert, filterAgents, mergeRows, serviceLevelAlert, sortAgents, waitAlert } from './wallboard-view.js';

const agent = (userId: number, over: Partial<AgentFloorRow> = {}): AgentFloorRow => ({
  userId,
  displayName: `Agent ${userId}`,
  teamId: 1,
  queueIds: [1],
  state: 'ready',
  reason: null,
  since: '2026-12-05T01:00:00.000Z',
  phoneReachable: true,
  call: null,
  today: { callsHandled: 0, ahtSeconds: null, occupancy: null, stateSeconds: { logged_out: 0, ready: 0, not_ready: 0, ringing: 0, on_call: 0, wrap_up: 0 } },
  figuresAt: '2026-12-05T01:00:00.000Z',
  ...over,
});

describe('wallboard rows', () => {
  it('replaces changed rows by id, keeps the rest, drops the removed', () => {
    const rows = mergeRows([agent(1), agent(2), agent(3)], [agent(2, { state: 'on_call' })], (a) => a.userId, false, [3]);
    expect(rows.map((a) => [a.userId, a.state])).toEqual([
      [1, 'ready'],
      [2, 'on_call'],
    ]);
  });

  it('takes a full push as the whole floor', () => {
    expect(mergeRows([agent(1)], [agent(2)], (a) => a.userId, true).map((a) => a.userId)).toEqual([2]);
  });

  it('filters by team, queue and state, ringing counting as on a call, signed-out agents hidden', () => {
    const rows = [agent(1, { teamId: 2 }), agent(2, { queueIds: [5] }), agent(3, { state: 'ringing' }), agent(4, { state: 'logged_out' })];
    const none = { teamId: null, queueId: null, state: null, showLoggedOut: false };
    expect(filterAgents(rows, { ...none, teamId: 2 }).map((a) => a.userId)).toEqual([1]);
    expect(filterAgents(rows, { ...none, queueId: 5 }).map((a) => a.userId)).toEqual([2]);
    expect(filterAgents(rows, { ...none, state: 'on_call' }).map((a) => a.userId)).toEqual([3]);
    expect(filterAgents(rows, none).map((a) => a.userId)).toEqual([1, 2, 3]);
    expect(filterAgents(rows, { ...none, showLoggedOut: true }).map((a) => a.userId)).toEqual([1, 2, 3, 4]);
  });

  it('sorts by time in state, longest first', () => {
    const rows = [agent(1, { since: '2026-12-05T02:00:00Z' }), agent(2, { since: '2026-12-05T01:00:00Z' })];
    expect(sortAgents(rows, 'longest', 'en').map((a) => a.userId)).toEqual([2, 1]);
    expect(sortAgents(rows, 'shortest', 'en').map((a) => a.userId)).toEqual([1, 2]);
  });
});

describe('thresholds', () => {
  it('marks service level, waits and abandonment as warning or alarm', () => {
    expect([serviceLevelAlert(0.85), serviceLevelAlert(0.7), serviceLevelAlert(0.5), serviceLevelAlert(null)]).toEqual(['ok', 'warning', 'alarm', 'ok']);
    expect([waitAlert(20, 20), waitAlert(21, 20), waitAlert(61, 20)]).toEqual(['ok', 'warning', 'alarm']);
    expect([abandonAlert(0.05), abandonAlert(0.06), abandonAlert(0.11)]).toEqual(['ok', 'warning', 'alarm']);
  });
});
