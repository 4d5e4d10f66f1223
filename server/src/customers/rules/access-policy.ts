// Who may see a customer. The pure rule lives here; customer.repository.ts expresses the
// same rule in SQL for lists, and an integration test checks the two agree.
import { roleEditsCustomers, roleReassignsOwners, roleSeesCases } from '../../../../contract/index.js';
import type { Viewer } from '../../identity/request-context.js';
import { viewerReaches } from '../../identity/reach.js';

export type { Viewer };

/** Facts about one customer relative to one viewer, as the database knows them. */
export interface CustomerRelation {
  ownedByViewer: boolean;
  handledByViewer: boolean;
  offeredToViewerNow: boolean;
  ownedByViewersTeam: boolean;
  handledByViewersTeam: boolean;
  inViewersCampaigns: boolean;
  /** A campaign lead of the customer's is on the viewer's desk now (previewed, or its call connected to them). */
  leadHeldByViewer: boolean;
}

/** A customer the viewer has nothing to do with: only a viewer who sees all sees them. */
export const NO_RELATION: CustomerRelation = {
  ownedByViewer: false,
  handledByViewer: false,
  offeredToViewerNow: false,
  ownedByViewersTeam: false,
  handledByViewersTeam: false,
  inViewersCampaigns: false,
  leadHeldByViewer: false,
};

export function canSeeCustomer(viewer: Viewer, rel: CustomerRelation): boolean {
  return viewerReaches(viewer, {
    own: rel.ownedByViewer || rel.handledByViewer || rel.offeredToViewerNow || rel.leadHeldByViewer,
    team: rel.ownedByViewersTeam || rel.handledByViewersTeam,
    campaign: rel.inViewersCampaigns,
  });
}

export const canSeeCases = (viewer: Viewer): boolean => roleSeesCases(viewer.role);
export const canEditCustomers = (viewer: Viewer): boolean => roleEditsCustomers(viewer.role);
export const canReassignOwner = (viewer: Viewer): boolean => roleReassignsOwners(viewer.role);
