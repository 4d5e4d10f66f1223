// Which clock of an open case falls due next, and where it stands. The scheduler stores each
// clock's due and at-risk times when it sets them, so this needs only comparisons, no calendar:
// the screen-pop and every list can afford it on every row.
import { isRunningCaseStatus, type CaseKind, type CaseStatus, type NextDue, type SlaClock, type SlaStatus } from '../../../../contract/index.js';

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
