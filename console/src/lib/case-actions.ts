// The status moves a case offers, as buttons. The server's rules decide (and say why when they
// refuse); this table only keeps buttons for moves that cannot happen off the page. Pure.
import type { CaseAction, CaseDetail, CaseStatus } from '@kefu/contract';

const COMMON: Record<CaseStatus, CaseAction[]> = {
  new: ['open', 'resolve'],
  open: ['pend', 'resolve'],
  pending_customer: ['open', 'resolve'],
  resolved: ['close', 'reopen'],
  closed: ['reopen'],
};

/** Complaints are acknowledged once (opening or resolving one acknowledges it too). */
const COMPLAINT: Record<CaseStatus, CaseAction[]> = {
  ...COMMON,
  new: ['acknowledge', 'open', 'resolve'],
  open: ['acknowledge', 'pend', 'resolve'],
  pending_customer: ['acknowledge', 'open', 'resolve'],
};

export function caseActions(c: Pick<CaseDetail, 'kind' | 'status' | 'acknowledgedAt'>): CaseAction[] {
  const actions = (c.kind === 'complaint' ? COMPLAINT : COMMON)[c.status];
  return c.acknowledgedAt ? actions.filter((a) => a !== 'acknowledge') : actions;
}
