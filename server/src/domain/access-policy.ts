// Who may see a customer. The pure rule lives here; customer.repository.ts expresses the
// same rule in SQL for lists, and an integration test checks the two agree.
import type { Role } from '../../contract/index.js';

export interface Viewer {
  id: number;
  role: Role;
  teamId: number | null;
}

/** Facts about one customer relative to one viewer, as the database knows them. */
export interface CustomerRelation {
  ownedByViewer: boolean;
  handledByViewer: boolean;
  offeredToViewerNow: boolean;
  ownedByViewersTeam: boolean;
  handledByViewersTeam: boolean;
  inViewersCampaigns: boolean;
}

export function canSeeCustomer(viewer: Viewer, rel: CustomerRelation): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return viewer.teamId !== null && (rel.ownedByViewersTeam || rel.handledByViewersTeam);
    case 'marketer':
      return rel.inViewersCampaigns;
    case 'agent':
      return rel.ownedByViewer || rel.handledByViewer || rel.offeredToViewerNow;
  }
}

/** Marketers work lists, not cases: ticket and complaint details stay hidden from them. */
export function canSeeCases(viewer: Viewer): boolean {
  return viewer.role !== 'marketer';
}

/** Creating and editing customers is for the people who talk to them and their managers. */
export function canEditCustomers(viewer: Viewer): boolean {
  return viewer.role === 'agent' || viewer.role === 'supervisor' || viewer.role === 'admin';
}

/** Only supervisors and admins hand a customer to another owner. */
export function canReassignOwner(viewer: Viewer): boolean {
  return viewer.role === 'supervisor' || viewer.role === 'admin';
}
