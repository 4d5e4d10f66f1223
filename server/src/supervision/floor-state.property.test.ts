// Property tests over random days: the live floor's figures obey the metrics' identities, and
// equal the figures folded from the call log's rows of the same day (what the reports read).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENT_STATES } from '../../../contract/index.js';
import type { CallFact } from '../acd/call-facts.js';
import { FloorState } from './floor-state.js';
import { emptyTally, queueFigures, tallyLoggedCall, type LoggedCall, type ServiceLevelSetting } from './rules/call-metrics.js';
import { randomDay } from './testing/random-day.js';

const DAY_START = Date.parse('2026-12-04T16:00:00Z');
const DAY_END = DAY_START + 86_400_000;
const SL: ServiceLevelSetting = { thresholdSeconds: 20, formula: 'answered_and_abandoned', shortAbandonSeconds: 5 };
const QUEUES = [1, 2, 3];
const AGENTS = [10, 11, 12, 13];

function floorOf(facts: CallFact[]): FloorState {
  const f = new FloorState(DAY_START, DAY_END, (n) => n);
  f.define(
    QUEUES.map((id) => ({ id, name: `Q${id}`, teamId: null, serviceLevel: SL })),
    AGENTS.map((id) => ({ id, displayName: `A${id}`, teamId: null, queueIds: QUEUES })),
    DAY_START,
  );
  for (const fact of facts) f.apply(fact);
  return f;
}

/** What the call log holds after these facts (the writer's columns), per call. */
function logOf(facts: CallFact[]): Map<number, LoggedCall & { queueId: number }> {
  const rows = new Map<number, LoggedCall & { queueId: number }>();
  for (const f of facts) {
    if (f.type === 'call-queued')
      rows.set(f.interactionId, { queueId: f.queueId, answered: false, ended: false, endReason: null, waitSeconds: null, talkSeconds: null, holdSeconds: null, wrapSeconds: null });
    const row = 'interactionId' in f ? rows.get(f.interactionId) : undefined;
    if (!row) continue;
    if (f.type === 'call-answered') Object.assign(row, { answered: true, waitSeconds: f.waitSeconds });
    if (f.type === 'call-ended')
      Object.assign(row, { ended: true, endReason: f.reason, waitSeconds: row.waitSeconds ?? f.waitSeconds, talkSeconds: f.talkSeconds, holdSeconds: f.holdSeconds });
    if (f.type === 'wrap-up-ended') row.wrapSeconds = f.seconds;
  }
  return rows;
}

let nextId = 1;
const day = (seed: number, calls: number, leaveSomeOpen: boolean) =>
  randomDay({ seed, dayStart: DAY_START, queueIds: QUEUES, agentIds: AGENTS, interactionIds: () => nextId++, calls, leaveSomeOpen });

describe('the live floor over random days', () => {
  it('answered + abandoned + short abandons + other unanswered + still waiting = offered', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 120 }), (seed, calls) => {
        const floor = floorOf(day(seed, calls, true));
        for (const q of floor.queueRows(null)) {
          const t = q.today;
          expect(t.answered + t.abandoned + t.shortAbandoned + t.unanswered + q.waiting).toBe(t.offered);
          expect(t.answeredWithinThreshold).toBeLessThanOrEqual(t.answered);
          if (t.serviceLevel !== null) expect(t.serviceLevel).toBeGreaterThanOrEqual(0);
          if (t.serviceLevel !== null) expect(t.serviceLevel).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('has the same queue figures as the call log of the same day', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 120 }), (seed, calls) => {
        const facts = day(seed, calls, true);
        const floor = floorOf(facts);
        const byQueue = new Map(QUEUES.map((q) => [q, emptyTally()]));
        for (const row of logOf(facts).values()) tallyLoggedCall(byQueue.get(row.queueId)!, row);
        for (const q of floor.queueRows(null)) {
          const { waiting: _w, ...fromLog } = queueFigures(byQueue.get(q.queueId)!, SL);
          expect(q.today).toEqual(fromLog);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('accounts for every millisecond of an agent day once, in one state', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 80 }), (seed, calls) => {
        const floor = floorOf(day(seed, calls, false));
        for (const id of AGENTS) {
          const t = floor.agentTally(id, DAY_END)!;
          const total = AGENT_STATES.reduce((n, s) => n + t.stateMs[s], 0);
          expect(total).toBe(DAY_END - DAY_START);
        }
      }),
      { numRuns: 40 },
    );
  });
});
