import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENT_STATES } from '../../../../contract/index.js';
import { nextOffersAmong as nextOffers, positionInQueue, type AgentSnapshot, type QueueRule, type WaitingCall } from './acd-routing.js';

const SUPPORT = 1;
const SALES = 2;
const queues = new Map<number, QueueRule>([
  [SUPPORT, { id: SUPPORT, skillId: null }],
  [SALES, { id: SALES, skillId: 20 }],
]);

const agent = (id: number, idleSince: number, over: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id,
  status: { state: 'ready', reason: null },
  idleSince,
  queueIds: new Set([SUPPORT]),
  skillIds: new Set(),
  ...over,
});
const call = (callId: string, queuedAt: number, over: Partial<WaitingCall> = {}): WaitingCall => ({
  callId,
  queueId: SUPPORT,
  priority: 0,
  queuedAt,
  beingOffered: false,
  ...over,
});

describe('nextOffers', () => {
  it('offers the call to the longest-idle Ready agent', () => {
    const offers = nextOffers([call('c1', 100)], [agent(1, 50), agent(2, 10), agent(3, 30)], queues);
    expect(offers).toEqual([{ callId: 'c1', agentId: 2 }]);
  });

  it('skips agents who are not Ready', () => {
    const offers = nextOffers(
      [call('c1', 100)],
      [agent(1, 5, { status: { state: 'not_ready', reason: 'lunch' } }), agent(2, 6, { status: { state: 'on_call', reason: null } }), agent(3, 7)],
      queues,
    );
    expect(offers).toEqual([{ callId: 'c1', agentId: 3 }]);
  });

  it('serves a VIP caller ahead of a normal caller who has waited longer', () => {
    const offers = nextOffers([call('normal', 100), call('vip', 200, { priority: 1 })], [agent(1, 0)], queues);
    expect(offers).toEqual([{ callId: 'vip', agentId: 1 }]);
  });

  it('serves callers of equal priority in the order they arrived', () => {
    const offers = nextOffers([call('later', 200), call('earlier', 100)], [agent(1, 0), agent(2, 1)], queues);
    expect(offers).toEqual([
      { callId: 'earlier', agentId: 1 },
      { callId: 'later', agentId: 2 },
    ]);
  });

  it('needs queue membership and the queue skill', () => {
    const calls = [call('s1', 1, { queueId: SALES })];
    expect(nextOffers(calls, [agent(1, 0, { queueIds: new Set([SALES]) })], queues)).toEqual([]);
    expect(nextOffers(calls, [agent(1, 0, { skillIds: new Set([20]) })], queues)).toEqual([]);
    expect(nextOffers(calls, [agent(1, 0, { queueIds: new Set([SALES]), skillIds: new Set([20]) })], queues)).toEqual([
      { callId: 's1', agentId: 1 },
    ]);
  });

  it('does not offer a call that is already ringing somewhere', () => {
    expect(nextOffers([call('c1', 1, { beingOffered: true })], [agent(1, 0)], queues)).toEqual([]);
  });

  it('lets a call in another queue be served when the first in line has nobody', () => {
    const offers = nextOffers(
      [call('sales', 1, { queueId: SALES, priority: 1 }), call('support', 2)],
      [agent(1, 0)],
      queues,
    );
    expect(offers).toEqual([{ callId: 'support', agentId: 1 }]);
  });

  it('never gives an agent two calls or a call two agents, and leaves no possible match unmade', () => {
    const agentArb = fc.record({
      id: fc.integer({ min: 1, max: 12 }),
      state: fc.constantFrom(...AGENT_STATES),
      idleSince: fc.integer({ min: 0, max: 1000 }),
      queues: fc.subarray([SUPPORT, SALES]),
      skills: fc.subarray([20]),
    });
    const callArb = fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      queueId: fc.constantFrom(SUPPORT, SALES),
      priority: fc.integer({ min: 0, max: 1 }),
      queuedAt: fc.integer({ min: 0, max: 1000 }),
      beingOffered: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(agentArb, { selector: (a) => a.id, maxLength: 8 }), fc.uniqueArray(callArb, { selector: (c) => c.id, maxLength: 10 }), (as, cs) => {
        const agents = as.map((a) => agent(a.id, a.idleSince, { status: { state: a.state, reason: null }, queueIds: new Set(a.queues), skillIds: new Set(a.skills) }));
        const calls = cs.map((c) => call(`c${c.id}`, c.queuedAt, { queueId: c.queueId, priority: c.priority, beingOffered: c.beingOffered }));
        const offers = nextOffers(calls, agents, queues);
        expect(new Set(offers.map((o) => o.agentId)).size).toBe(offers.length);
        expect(new Set(offers.map((o) => o.callId)).size).toBe(offers.length);
        for (const o of offers) {
          const a = agents.find((x) => x.id === o.agentId)!;
          const c = calls.find((x) => x.callId === o.callId)!;
          expect(a.status.state).toBe('ready');
          expect(c.beingOffered).toBe(false);
          expect(a.queueIds.has(c.queueId)).toBe(true);
        }
        // Maximal: every unserved waiting call has no free eligible agent left.
        const used = new Set(offers.map((o) => o.agentId));
        for (const c of calls.filter((x) => !x.beingOffered && !offers.some((o) => o.callId === x.callId))) {
          const spare = agents.find(
            (a) => !used.has(a.id) && a.status.state === 'ready' && a.queueIds.has(c.queueId) && (c.queueId !== SALES || a.skillIds.has(20)),
          );
          expect(spare).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('skill levels', () => {
  const levels = (entries: [number, number][]) => new Map(entries);

  it('offers the call to the highest level among free agents, however long a lower one has been idle', () => {
    const offers = nextOffers([call('c1', 100)], [agent(1, 10, { levels: levels([[SUPPORT, 2]]) }), agent(2, 50, { levels: levels([[SUPPORT, 7]]) }), agent(3, 5)], queues);
    expect(offers).toEqual([{ callId: 'c1', agentId: 2 }]);
  });

  it('among equal levels, the longest idle goes first', () => {
    const offers = nextOffers([call('c1', 100)], [agent(1, 40, { levels: levels([[SUPPORT, 5]]) }), agent(2, 20, { levels: levels([[SUPPORT, 5]]) })], queues);
    expect(offers).toEqual([{ callId: 'c1', agentId: 2 }]);
  });

  it('reads the level of the call\'s own queue, not of the agent\'s other queues', () => {
    const both = new Set([SUPPORT, SALES]);
    const a = agent(1, 10, { queueIds: both, skillIds: new Set([20]), levels: levels([[SUPPORT, 9], [SALES, 1]]) });
    const b = agent(2, 20, { queueIds: both, skillIds: new Set([20]), levels: levels([[SUPPORT, 1], [SALES, 9]]) });
    expect(nextOffers([call('s', 100, { queueId: SALES })], [a, b], queues)).toEqual([{ callId: 's', agentId: 2 }]);
    expect(nextOffers([call('p', 100)], [a, b], queues)).toEqual([{ callId: 'p', agentId: 1 }]);
  });

  it('a level never makes an agent eligible: a busy higher level is passed over', () => {
    const offers = nextOffers(
      [call('c1', 100)],
      [agent(1, 10, { status: { state: 'on_call', reason: null }, levels: levels([[SUPPORT, 10]]) }), agent(2, 20, { levels: levels([[SUPPORT, 1]]) })],
      queues,
    );
    expect(offers).toEqual([{ callId: 'c1', agentId: 2 }]);
  });
});

describe('positionInQueue', () => {
  it('counts VIPs ahead and other queues not at all', () => {
    const calls = [call('a', 1), call('b', 2), call('vip', 3, { priority: 1 }), call('other', 0, { queueId: SALES })];
    expect(positionInQueue('b', calls)).toBe(3);
    expect(positionInQueue('vip', calls)).toBe(1);
    expect(positionInQueue('other', calls)).toBe(1);
    expect(positionInQueue('gone', calls)).toBeNull();
  });
});
