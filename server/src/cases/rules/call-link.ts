// Which call may be tied to which case. One rule for every path that links a call (the case's
// Link call, a follow-up's outcome), since linking writes the case's customer onto a call that
// had none, and that widens who may see the customer (whoever handled the call).
import type { Viewer } from '../../identity/request-context.js';
import { viewerReaches } from '../../identity/reach.js';
import { fieldError, type KeyedFieldError } from '../../platform/domain-error.js';

export interface CallToLink {
  agentId: number | null;
  /** Team of the agent who took the call. */
  agentTeamId: number | null;
  customerId: number | null;
}

/** Why the call may not be linked to a case of `caseCustomerId`, as the field error; null when it may. */
export function callLinkRefusal(viewer: Viewer, call: CallToLink, caseCustomerId: number | null): KeyedFieldError | null {
  // Agents their own calls, supervisors their team's, admins any: the calls they answer for.
  const reaches = viewerReaches(viewer, {
    own: call.agentId === viewer.id,
    team: call.agentTeamId !== null && call.agentTeamId === viewer.teamId,
    campaign: false,
  });
  if (!reaches) {
    return viewer.role === 'agent'
      ? fieldError('interactionId', 'callLink.ownOnly')
      : fieldError('interactionId', 'callLink.teamOnly');
  }
  if (call.customerId !== null && caseCustomerId !== null && call.customerId !== caseCustomerId) {
    return fieldError('interactionId', 'callLink.otherCustomer');
  }
  return null;
}
