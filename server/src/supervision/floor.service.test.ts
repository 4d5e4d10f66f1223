import { describe, expect, it } from 'vitest';
import type { WallboardDelta } from '../../../contract/index.js';
import type { CallFact } from '../acd/call-facts.js';
import { logger } from '../platform/logger.js';
import { COALESCE_MS, FloorService, type DayBounds } from './floor.service.js';
import type { FloorRepository } from './data/floor.repository.js';

/** A clock moved by hand; timers fire in order as it passes them. */
class ManualClock {
  t = Date.parse('2026-12-05T15:59:00Z'); // 23:59 in Shanghai
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

const SHANGHAI_MIDNIGHT = Date.parse('2026-12-05T16:00:00Z');
const dayOf = async (at: Date): Promise<DayBounds> => {
  const start = at.getTime() >= SHANGHAI_MIDNIGHT ? SHANGHAI_MIDNIGHT : SHANGHAI_MIDNIGHT - 86_400_000;
  return { start: new Date(start), end: new Date(start + 86_400_000) };
};

const repo = {
  queues: async () => [{ id: 1, name: 'Support', teamId: null, serviceLevel: { thresholdSeconds: 20, formula: 'answered_and_abandoned' as const, shortAbandonSeconds: 5 } }],
  agents: async () => [{ id: 7, displayName: 'Li Na', teamId: null, queueIds: [1] }],
  teams: async () => [],
  queueCalls: async () => [],
  agentStates: async () => [],
} as unknown as FloorRepository;

async function started() {
  const clock = new ManualClock();
  const pushes: WallboardDelta[] = [];
  const floor = new FloorService({
    repo,
    clock,
    log: logger,
    dayOf,
    timeZone: async () => 'Asia/Shanghai',
    liveAgents: () => [],
    mask: (n) => n.replace(/\d(?=\d{4})/g, '*'),
    notifier: { watching: () => true, changed: (d) => pushes.push(d) },
  });
  await floor.start();
  clock.advance(COALESCE_MS); // the start-up push
  pushes.length = 0;
  return { clock, floor, pushes };
}

const queued = (i: number, at: number): CallFact => ({
  type: 'call-queued',
  callId: `c${i}`,
  interactionId: i,
  sipCallId: `s${i}`,
  callerNumber: '+8613800138000',
  customerId: null,
  queueId: 1,
  at,
});

describe('the floor service', () => {
  it('coalesces a burst into one push that carries all of it, within the window', async () => {
    const { clock, floor, pushes } = await started();
    for (let i = 1; i <= 50; i++) floor.follow(queued(i, clock.now()));
    expect(pushes).toHaveLength(0);
    clock.advance(COALESCE_MS);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.queues[0]).toMatchObject({ queueId: 1, waiting: 50, today: { offered: 50 } });
  });

  it('starts a new day at midnight in the zone: figures start again, waiting callers stay', async () => {
    const { clock, floor, pushes } = await started();
    floor.follow(queued(1, clock.now()));
    floor.follow({ type: 'call-ended', callId: 'c1', interactionId: 1, agentId: null, at: clock.now(), reason: 'abandoned', hangupBy: 'customer', waitSeconds: 30, talkSeconds: null, holdSeconds: 0 });
    floor.follow(queued(2, clock.now()));
    clock.advance(COALESCE_MS);
    expect(pushes.at(-1)!.queues[0]).toMatchObject({ waiting: 1, today: { offered: 2, abandoned: 1 } });
    clock.advance(60_000); // past midnight
    const last = pushes.at(-1)!;
    expect(last.full).toBe(true);
    expect(last.dayStart).toBe(new Date(SHANGHAI_MIDNIGHT).toISOString());
    expect(last.queues[0]).toMatchObject({ waiting: 1, today: { offered: 0, abandoned: 0 } });
    // The caller who arrived yesterday and hangs up today does not count in today's figures.
    floor.follow({ type: 'call-ended', callId: 'c2', interactionId: 2, agentId: null, at: clock.now(), reason: 'abandoned', hangupBy: 'customer', waitSeconds: 90, talkSeconds: null, holdSeconds: 0 });
    clock.advance(COALESCE_MS);
    expect(pushes.at(-1)!.queues[0]).toMatchObject({ waiting: 0, today: { offered: 0, abandoned: 0 } });
  });

  it('gives a snapshot from memory with the day boundary and masked caller numbers', async () => {
    const { clock, floor } = await started();
    floor.follow({
      type: 'direct-call-shown',
      callId: 'd1',
      agentId: 7,
      ringing: false,
      view: {
        callId: 'd1',
        interactionId: 9,
        queueName: null,
        callerNumber: '+8613800138000',
        state: 'talking',
        offeredAt: null,
        answeredAt: new Date(clock.now()).toISOString(),
        ringSeconds: null,
        screenPop: { callerNumber: '+8613800138000', normalizedPhone: '+8613800138000', matches: [], primary: null },
      },
    });
    const s = floor.snapshot();
    expect(s.dayStart).toBe(new Date(SHANGHAI_MIDNIGHT - 86_400_000).toISOString());
    expect(s.agents[0]!.call).toMatchObject({ callerNumber: '+*********8000', state: 'talking', queueName: null });
  });
});
