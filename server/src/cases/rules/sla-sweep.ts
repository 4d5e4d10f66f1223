// What the SLA sweep does with one case, as a pure function: read its clocks at `now` and decide
// what to fire and what to keep. Which cases the sweep reads at all is decided in SQL
// (data/sla-due.sql.ts), checked against this function by sla-due.property.test.ts.
//
// The sweep reads clocks by comparing instants, never by calendar arithmetic: each case stores
// its at-risk and due instants (computed on the business calendar when they were set), so
// "at risk" is now ≥ at-risk point and "breached" is now > due, exactly as the screen-pop and the
// lists read them. The one instant not stored is a complaint's level-2 point (150 % of the budget
// used); it is computed once, when the clock first reads breached, and kept in the case's sweep
// state, so a sweep costs a few comparisons per case.
import type { CaseKind, SlaStatus } from '../../../../contract/index.js';
import {
  decideEscalations,
  DEFAULT_ESCALATION_OPTIONS,
  type ClockEscalationState,
  type ClockSnapshot,
  type Escalation,
  type EscalationState,
} from './escalation.js';
import type { SlaClockName } from './sla-status.js';

/** One clock as stored, instants in epoch milliseconds. */
export interface StoredClock {
  dueAt: number | null;
  atRiskAt: number | null;
  /** acknowledged_at / resolved_at: the clock stopped. */
  stoppedAt: number | null;
  /** The resolve clock is paused while the case waits for the customer. */
  pausedAt: number | null;
}

export interface SweptCase {
  kind: CaseKind;
  /** New, open or pending customer: the case's clocks can run. */
  running: boolean;
  acknowledge: StoredClock;
  resolve: StoredClock;
  state: EscalationState;
}

/** Sweep state per clock: the escalation state plus the level-2 instant once known. */
export type SweepClockState = ClockEscalationState & { level2AtMs?: number };

export interface SweepCheck {
  fire: Escalation[];
  state: EscalationState;
  /** The worst running clock, for lists and reports. */
  status: SlaStatus;
}

/** The level-2 instant of a clock due at `dueAt`, or null when the case's policy cannot say. */
export type Level2Point = (clock: SlaClockName, dueAt: number) => number | null;

const LEVEL2 = DEFAULT_ESCALATION_OPTIONS.level2AtUsedFraction;

export function checkCase(c: SweptCase, now: number, level2Point: Level2Point): SweepCheck {
  const caseRuns = c.running;
  const readings: Partial<Record<SlaClockName, ClockSnapshot>> = {};
  const level2: Partial<Record<SlaClockName, number | null>> = {};
  let status: SlaStatus = 'on_track';
  for (const name of ['acknowledge', 'resolve'] as const) {
    const clock = c[name];
    if (!caseRuns || clock.dueAt === null || clock.stoppedAt !== null) continue;
    if (name === 'acknowledge' && c.kind !== 'complaint') continue;
    const dueAt = clock.dueAt;
    const paused = name === 'resolve' && clock.pausedAt !== null;
    // A paused clock reads as at the moment it was paused.
    const end = paused ? Math.min(now, clock.pausedAt!) : now;
    const breached = end > dueAt;
    const atRisk = !breached && clock.atRiskAt !== null && end >= clock.atRiskAt;
    let l2: number | null = null;
    if (breached && c.kind === 'complaint') {
      const known = c.state[name] as SweepClockState | undefined;
      // Kept for the due time as the state stores it: whole milliseconds, as a Date has them.
      l2 = known && known.dueAtMs === new Date(dueAt).getTime() && known.level2AtMs !== undefined ? known.level2AtMs : level2Point(name, dueAt);
      level2[name] = l2;
    }
    readings[name] = {
      status: breached ? 'breached' : atRisk ? 'at_risk' : 'on_track',
      running: true,
      dueAt: new Date(dueAt),
      // Only "past the level-2 point or not" matters to the decision.
      usedFraction: l2 !== null && end >= l2 ? LEVEL2 : breached ? 1 : 0,
    };
    if (breached) status = 'breached';
    else if (atRisk && status === 'on_track') status = 'at_risk';
  }
  const decision = decideEscalations(c.kind, c.state, readings);
  for (const [name, at] of Object.entries(level2) as [SlaClockName, number | null][]) {
    const s = decision.state[name];
    if (s && at !== null) decision.state[name] = { ...s, level2AtMs: at } as SweepClockState;
  }
  return { fire: decision.fire, state: decision.state, status };
}

/** Whether two sweep states say the same: what the sweep writes back when they do not. */
export function sameSweepState(a: EscalationState, b: EscalationState): boolean {
  for (const clock of ['acknowledge', 'resolve'] as const) {
    const x = a[clock] as SweepClockState | undefined;
    const y = b[clock] as SweepClockState | undefined;
    if (x === y) continue;
    if (!x || !y || x.dueAtMs !== y.dueAtMs || x.passed !== y.passed || x.level2AtMs !== y.level2AtMs) return false;
  }
  return true;
}
