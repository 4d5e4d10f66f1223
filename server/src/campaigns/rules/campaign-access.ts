// Who may do what with a campaign. Marketers create and run their own campaigns (admins any);
// supervisors and admins see them all; agents see the campaigns they are assigned to and work
// them from the desk. The console hides what these refuse through the same contract roles.
import type { Viewer } from '../../identity/request-context.js';

export interface CampaignOwnership {
  ownerId: number;
  agentIds: readonly number[];
}

export const canCreateCampaign = (v: Viewer): boolean => v.role === 'marketer' || v.role === 'admin';

/** Change, import into, start and pause. */
export const canRunCampaign = (v: Viewer, c: CampaignOwnership): boolean => v.role === 'admin' || (v.role === 'marketer' && c.ownerId === v.id);

/** Start, pause and stop its dialing: those who run it, and supervisors, who watch the floor it takes agents from. */
export const canSteerCampaign = (v: Viewer, c: CampaignOwnership): boolean => canRunCampaign(v, c) || v.role === 'supervisor';

/** See the campaign, its figures and its dry run. */
export const canSeeCampaign = (v: Viewer, c: CampaignOwnership): boolean =>
  canRunCampaign(v, c) || v.role === 'supervisor' || (v.role === 'agent' && c.agentIds.includes(v.id));

/** Work its leads from the desk. */
export const canWorkCampaign = (v: Viewer, c: CampaignOwnership): boolean => (v.role === 'agent' || v.role === 'supervisor') && c.agentIds.includes(v.id);

/** Add a number to a do-not-call list: anyone who talks to customers or runs campaigns. */
export const canAddDnc = (v: Viewer, c: CampaignOwnership | null): boolean =>
  c === null ? true : canRunCampaign(v, c) || canWorkCampaign(v, c) || v.role === 'supervisor';

/** Import purchases, recompute RFM, build segments over the whole customer base: those who build lists. */
export const canBuildSegments = (v: Viewer): boolean => v.role === 'marketer' || v.role === 'admin';
