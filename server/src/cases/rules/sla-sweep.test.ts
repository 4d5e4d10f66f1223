import { describe, expect, it } from 'vitest';
import type { CaseKind } from '../../../../contract/index.js';
import type { EscalationState } from './escalation.js';
import { checkCase, type StoredClock, type SweepClockState } from './sla-sweep.js';

const MIN = 60_000;
const T0 = Date.parse('2026-06-01T08:00:00Z');
/** A clock of 60 minutes from T0: at risk at 45, due at 60. */
const clock = (over: Partial<StoredClock> = {}): StoredClock => ({ dueAt: T0 + 60 * MIN, atRiskAt: T0 + 45 * MIN, stoppedAt: null, pausedAt: null, ...over });
const none: StoredClock = { dueAt: null, atRiskAt: null, stoppedAt: null, pausedAt: null };
const level2At = T0 + 90 * MIN;
const level2 = () => level2At;
const noLevel2 = () => {
  throw new Error('level 2 asked for a case that is not breached');
};

function sweepAt(
  minutes: number,
  o: { kind?: CaseKind; running?: boolean; ack?: StoredClock; resolve?: StoredClock; state?: EscalationState } = {},
  l2: (c: 'acknowledge' | 'resolve', due: number) => number | null = noLevel2,
) {
  return checkCase(
    { kind: o.kind ?? 'ticket', running: o.running ?? true, acknowledge: o.ack ?? none, resolve: o.resolve ?? clock(), state: o.state ?? {} },
    T0 + minutes * MIN,
    l2,
  );
}
const fired = (r: ReturnType<typeof checkCase>) => r.fire.map((e) => `${e.clock}:${e.level}`);

describe('checkCase (one case in the SLA sweep)', () => {
  it('fires nothing before the at-risk point', () => {
    const r = sweepAt(10);
    expect(fired(r)).toEqual([]);
    expect(r.status).toBe('on_track');
  });

  it('warns at the at-risk point', () => {
    const r = sweepAt(45);
    expect(fired(r)).toEqual(['resolve:at_risk']);
    expect(r.status).toBe('at_risk');
  });

  it('reads breached only after the due instant, as the lists do', () => {
    const atDue = sweepAt(60, { state: sweepAt(45).state });
    expect(fired(atDue)).toEqual([]);
    expect(atDue.status).toBe('at_risk');
    const after = sweepAt(61, { state: atDue.state });
    expect(fired(after)).toEqual(['resolve:breached']);
    expect(after.status).toBe('breached');
  });

  it('takes a breached complaint one level up at its level-2 point, computing that point once', () => {
    const ack = clock();
    let calls = 0;
    const counted = () => {
      calls++;
      return level2At;
    };
    const breached = sweepAt(61, { kind: 'complaint', ack, resolve: clock({ dueAt: T0 + 600 * MIN, atRiskAt: T0 + 450 * MIN }) }, counted);
    expect(fired(breached)).toEqual(['acknowledge:breached']); // at risk is superseded by the breach
    expect((breached.state.acknowledge as SweepClockState).level2AtMs).toBe(level2At);
    const later = sweepAt(90, { kind: 'complaint', ack, resolve: clock({ dueAt: T0 + 600 * MIN, atRiskAt: T0 + 450 * MIN }), state: breached.state }, counted);
    expect(fired(later)).toEqual(['acknowledge:breached_level2']);
    expect(calls).toBe(1);
  });

  it('fires nothing again for a level already passed', () => {
    const first = sweepAt(70, { kind: 'complaint' }, level2);
    expect(fired(first)).toEqual(['resolve:breached']);
    expect(fired(sweepAt(70, { kind: 'complaint', state: first.state }, level2))).toEqual([]);
  });

  it('holds a paused clock where it was paused', () => {
    const r = sweepAt(200, { resolve: clock({ pausedAt: T0 + 30 * MIN }) });
    expect(fired(r)).toEqual([]);
    expect(r.status).toBe('on_track');
  });

  it('ignores stopped clocks and cases no longer running', () => {
    expect(sweepAt(200, { resolve: clock({ stoppedAt: T0 + 10 * MIN }) })).toMatchObject({ fire: [], status: 'on_track' });
    expect(sweepAt(200, { running: false })).toMatchObject({ fire: [], status: 'on_track' });
  });

  it('keeps a stored acknowledgement escalation when the case is acknowledged', () => {
    const state: EscalationState = { acknowledge: { dueAtMs: T0 + 60 * MIN, passed: 'at_risk' } };
    const r = sweepAt(50, { kind: 'complaint', ack: clock({ stoppedAt: T0 + 48 * MIN }), resolve: clock({ dueAt: T0 + 600 * MIN, atRiskAt: T0 + 450 * MIN }), state });
    expect(r.state.acknowledge).toEqual(state.acknowledge);
  });

  it('warns again for a deadline moved later (reopened, priority lowered)', () => {
    const breached: EscalationState = { resolve: { dueAtMs: T0 + 60 * MIN, passed: 'breached' } };
    const moved = clock({ dueAt: T0 + 160 * MIN, atRiskAt: T0 + 100 * MIN });
    const rearmed = sweepAt(70, { resolve: moved, state: breached });
    expect(fired(rearmed)).toEqual([]);
    expect(rearmed.status).toBe('on_track');
    expect(fired(sweepAt(100, { resolve: moved, state: rearmed.state }))).toEqual(['resolve:at_risk']);
  });

  it('says nothing at level 2 when the policy cannot give the point', () => {
    const r = sweepAt(500, { kind: 'complaint' }, () => null);
    expect(fired(r)).toEqual(['resolve:breached']);
  });
});
