// The status moves one viewer may make on one case now, for the console's buttons: what the
// status machine offers (cases/case-status.ts) and only when the viewer may change the case at
// all (case-access.ts). The server checks both again on every move, and a complaint's own
// conditions (resolution and root cause to resolve, confirmation or a contact attempt to close)
// are not looked at here: those moves are offered and refused with a message saying what is missing.
import { CASE_ACTIONS, type CaseAction } from '../../../../contract/index.js';
import type { Viewer } from '../../identity/request-context.js';
import { canEditCase, type CaseOwnership } from './case-access.js';
import { offeredCaseActions, type CaseSnapshot } from './case-status.js';

export type CaseActionState = Pick<CaseSnapshot, 'kind' | 'status' | 'acknowledgedAt'>;

export function allowedActionsFor(viewer: Viewer, ownership: CaseOwnership, state: CaseActionState): CaseAction[] {
  if (!canEditCase(viewer, ownership)) return [];
  const offered = offeredCaseActions(state);
  // In the contract's order, so the buttons keep their places whatever the table's order.
  return CASE_ACTIONS.filter((a) => offered.includes(a));
}
