// What stops an erasure: a case the contact center may have to answer for. An open complaint
// (anything short of closed: a resolved one still waits for the customer's confirmation), or a
// case of the category "dispute" that is not closed. The customer's data stays until it closes.
import type { CaseKind, CaseStatus, LegalHoldKind } from '../../../../../contract/index.js';

export interface HoldCandidate {
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  category: string | null;
}

export interface LegalHold {
  kind: LegalHoldKind;
  caseNumber: string;
}

export const DISPUTE_CATEGORY = 'dispute';

export function legalHolds(cases: readonly HoldCandidate[]): LegalHold[] {
  const holds: LegalHold[] = [];
  for (const c of cases) {
    if (c.status === 'closed') continue;
    if (c.category?.trim().toLowerCase() === DISPUTE_CATEGORY) holds.push({ kind: 'dispute', caseNumber: c.number });
    else if (c.kind === 'complaint') holds.push({ kind: 'open_complaint', caseNumber: c.number });
  }
  return holds;
}
