// Where the clocks of a case stand, and which falls due next. The scheduler stores each clock's
// due and at-risk times when it sets them, so this needs only comparisons, no calendar: the
// screen-pop and every list can afford it on every row. The console shows what this reads and
// decides nothing itself.
import {
  isRunningCaseStatus,
  type CaseClockReading,
  type CaseKind,
  type CaseStatus,
  type ClockState,
  type NextDue,
  type SlaClock,
  type SlaStatus,
} from '../../../../contract/index.js';

export interface CaseClocks {
  kind: CaseKind;
  status: CaseStatus;
  ackDueAt: Date | null;
  ackAtRiskAt: Date | null;
  acknowledgedAt: Date | null;
  resolveDueAt: Date | null;
  resolveAtRiskAt: Date | null;
  /** Set while the case waits for the customer: the resolution clock is stopped. */
  pausedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export function clockStatus(dueAt: Date, atRiskAt: Date | null, now: Date): SlaStatus {
  if (now.getTime() >= dueAt.getTime()) return 'breached';
  if (atRiskAt && now.getTime() >= atRiskAt.getTime()) return 'at_risk';
  return 'on_track';
}

/** The running clocks of a case, soonest due first. */
export function runningClocks(c: CaseClocks, now: Date): { clock: SlaClock; dueAt: Date; status: SlaStatus }[] {
  if (!isRunningCaseStatus(c.status)) return [];
  const out: { clock: SlaClock; dueAt: Date; status: SlaStatus }[] = [];
  if (c.kind === 'complaint' && c.ackDueAt && !c.acknowledgedAt) {
    out.push({ clock: 'acknowledge', dueAt: c.ackDueAt, status: clockStatus(c.ackDueAt, c.ackAtRiskAt, now) });
  }
  if (c.resolveDueAt && !c.pausedAt) {
    out.push({ clock: 'resolve', dueAt: c.resolveDueAt, status: clockStatus(c.resolveDueAt, c.resolveAtRiskAt, now) });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export function nextDueOf(c: CaseClocks, now: Date): NextDue | null {
  const first = runningClocks(c, now)[0];
  return first ? { clock: first.clock, dueAt: first.dueAt.toISOString(), status: first.status } : null;
}

const RANK: Record<SlaStatus, number> = { on_track: 0, at_risk: 1, breached: 2 };

/** The worst state of the running clocks: what lists filter on. */
export function worstStatus(c: CaseClocks, now: Date): SlaStatus {
  let worst: SlaStatus = 'on_track';
  for (const k of runningClocks(c, now)) if (RANK[k.status] > RANK[worst]) worst = k.status;
  return worst;
}

/**
 * When a clock stopped: its own event (acknowledged, resolved), or, for a case no longer
 * running whose clock never saw that event, the end of the case.
 */
function stopOf(c: CaseClocks, own: Date | null): Date | null {
  if (own) return own;
  return isRunningCaseStatus(c.status) ? null : (c.resolvedAt ?? c.closedAt);
}

function reading(clock: SlaClock, dueAt: Date, atRiskAt: Date | null, stoppedAt: Date | null, pausedAt: Date | null, now: Date): CaseClockReading {
  // A paused clock reads as at the moment it paused, a stopped one as at the moment it stopped,
  // as the SLA sweep reads them.
  const end = stoppedAt ?? pausedAt ?? now;
  const status = clockStatus(dueAt, atRiskAt, end);
  const state: ClockState = status === 'breached' ? 'breached' : stoppedAt ? 'met' : pausedAt ? 'paused' : 'running';
  return {
    clock,
    state,
    atRisk: state !== 'met' && status === 'at_risk',
    dueAt: dueAt.toISOString(),
    stoppedAt: stoppedAt ? stoppedAt.toISOString() : null,
    remainingSeconds: Math.floor((dueAt.getTime() - end.getTime()) / 1000) + 0,
  };
}

/**
 * Every clock of a case, acknowledgement first: a complaint's acknowledgement clock never
 * pauses; the resolution clock pauses while the case waits for the customer.
 */
export function caseClockReadings(c: CaseClocks, now: Date): CaseClockReading[] {
  const out: CaseClockReading[] = [];
  if (c.kind === 'complaint' && c.ackDueAt) {
    out.push(reading('acknowledge', c.ackDueAt, c.ackAtRiskAt, stopOf(c, c.acknowledgedAt), null, now));
  }
  if (c.resolveDueAt) {
    const stopped = stopOf(c, c.resolvedAt);
    out.push(reading('resolve', c.resolveDueAt, c.resolveAtRiskAt, stopped, stopped ? null : c.pausedAt, now));
  }
  return out;
}
