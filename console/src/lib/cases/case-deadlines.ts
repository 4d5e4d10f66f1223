// Which deadlines of a ticket or complaint still matter, earliest first, and where each stands
// against its service level (on track, at risk, breached).
import type { CaseSummary, SlaClock, SlaStatus } from '@kefu/contract';
import { describeDue, type DueInfo, type DueKind } from '../shared/format.js';

const DONE = new Set<CaseSummary['status']>(['resolved', 'closed']);

/** A deadline in words with its service-level state. */
export interface CaseDue extends DueInfo {
  sla: SlaStatus;
}

const KIND_OF_CLOCK: Record<SlaClock, DueKind> = { acknowledge: 'ack', resolve: 'resolve' };

/**
 * The server knows when a clock is at risk (its policy's threshold); only the clock that falls
 * due next carries that word. A clock past its due time is breached whatever the last check said:
 * the server looks again only every so often.
 */
function slaOf(c: CaseSummary, kind: DueKind, at: string, now: number): SlaStatus {
  if (Date.parse(at) <= now) return 'breached';
  const next = c.nextDue;
  if (next && KIND_OF_CLOCK[next.clock] === kind && next.dueAt === at) return next.status;
  return 'on_track';
}

function due(c: CaseSummary, kind: DueKind, at: string, now: number): CaseDue | null {
  const d = describeDue(kind, at, now);
  return d ? { ...d, sla: slaOf(c, kind, at, now) } : null;
}

/**
 * The deadlines of an unresolved case that still run, earliest first: the acknowledgement
 * clock stops once the complaint is acknowledged, the resolution clock when it is resolved.
 */
export function caseDeadlines(c: CaseSummary, now: number): CaseDue[] {
  if (DONE.has(c.status)) return [];
  const out: CaseDue[] = [];
  if (c.ackDueAt && !c.acknowledgedAt) {
    const d = due(c, 'ack', c.ackDueAt, now);
    if (d) out.push(d);
  }
  if (c.resolveDueAt) {
    const d = due(c, 'resolve', c.resolveDueAt, now);
    if (d) out.push(d);
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The one deadline that falls due next ("Resolution due in 3 h", at risk…), or null when no
 * clock runs (resolved, closed, or paused while waiting for the customer).
 */
export function nextDeadline(c: CaseSummary, now: number): CaseDue | null {
  return c.nextDue ? due(c, KIND_OF_CLOCK[c.nextDue.clock], c.nextDue.dueAt, now) : null;
}
