// Which deadlines of a ticket or complaint still matter, earliest first.
import type { CaseSummary } from '@kefu/contract';
import { describeDue, type DueInfo } from './format.js';

const DONE = new Set<CaseSummary['status']>(['resolved', 'closed']);

/**
 * The deadlines of an unresolved case that still run, earliest first: the acknowledgement
 * clock stops once the complaint is acknowledged, the resolution clock when it is resolved.
 */
export function caseDeadlines(c: CaseSummary, now: number): DueInfo[] {
  if (DONE.has(c.status)) return [];
  const out: DueInfo[] = [];
  if (c.ackDueAt && !c.acknowledgedAt) {
    const d = describeDue('ack', c.ackDueAt, now);
    if (d) out.push(d);
  }
  if (c.resolveDueAt) {
    const d = describeDue('resolve', c.resolveDueAt, now);
    if (d) out.push(d);
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
