// What of a customer's call history a viewer is shown. Call notes describe the tickets and
// complaints the call was about, and some wrap-up codes name them ("Complaint logged"), so a
// role that may not see cases sees neither: the call itself (when, who, how long) stays.
import type { Interaction } from '../../../../contract/index.js';
import type { Viewer } from '../../identity/request-context.js';
import { canSeeCases } from './access-policy.js';

export function historyAsSeenBy(viewer: Viewer, items: Interaction[], caseRevealingCodes: ReadonlySet<string>): Interaction[] {
  if (canSeeCases(viewer)) return items;
  return items.map((i) => {
    const hideDisposition = i.disposition !== null && caseRevealingCodes.has(i.disposition);
    return { ...i, notes: null, ...(hideDisposition ? { disposition: null, dispositionLabel: null } : {}) };
  });
}
