// The deadlines of a ticket or complaint, earliest first, and where each stands against its
// service level (on track, at risk, breached). Which clocks count, and whether one is paused or
// stopped, is the server's reading (CaseSummary.clocks): the console decides none of it.
import type { CaseClockReading, CaseSummary, SlaClock, SlaStatus } from '@kefu/contract';
import { describeDue, type DueInfo, type DueKind } from '../shared/format.js';

/** A deadline in words with its service-level state. */
export interface CaseDue extends DueInfo {
  sla: SlaStatus;
}

const KIND_OF_CLOCK: Record<SlaClock, DueKind> = { acknowledge: 'ack', resolve: 'resolve' };

/** The clocks still counting down: a paused or stopped clock has no deadline to show. */
function counting(c: CaseSummary): CaseClockReading[] {
  return c.clocks.filter((k) => k.stoppedAt === null && k.state !== 'paused');
}

/**
 * A counting clock passes its due time between two reads of the case; the server's rule is that
 * passing the due instant is the breach, so the page keeps up without a reload.
 */
function slaOf(k: CaseClockReading, now: number): SlaStatus {
  if (k.state === 'breached' || Date.parse(k.dueAt) <= now) return 'breached';
  return k.atRisk ? 'at_risk' : 'on_track';
}

function due(k: CaseClockReading, now: number): CaseDue | null {
  const d = describeDue(KIND_OF_CLOCK[k.clock], k.dueAt, now);
  return d ? { ...d, sla: slaOf(k, now) } : null;
}

/** The deadlines of a case that still count, earliest first. */
export function caseDeadlines(c: CaseSummary, now: number): CaseDue[] {
  const out: CaseDue[] = [];
  for (const k of counting(c)) {
    const d = due(k, now);
    if (d) out.push(d);
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The one deadline that falls due next ("Resolution due in 3 h", at risk…), or null when no
 * clock counts (resolved, closed, or paused while waiting for the customer).
 */
export function nextDeadline(c: CaseSummary, now: number): CaseDue | null {
  const next = c.nextDue && counting(c).find((k) => k.clock === c.nextDue!.clock);
  return next ? due(next, now) : null;
}
