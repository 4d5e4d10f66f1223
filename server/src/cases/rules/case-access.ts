// Who may change a ticket or complaint. Seeing one follows the customer (access-policy.ts);
// changing one is narrower: agents their own and what is assigned to them (and their team's
// unassigned queue), supervisors their team's, admins all. Marketers work lists, not cases.
import type { Viewer } from '../../identity/request-context.js';
import { viewerReaches } from '../../identity/reach.js';

export interface CaseOwnership {
  assigneeId: number | null;
  createdBy: number | null;
  teamId: number | null;
  /** Team of the assignee, when assigned. */
  assigneeTeamId: number | null;
}

export function canEditCase(viewer: Viewer, c: CaseOwnership): boolean {
  return viewerReaches(viewer, {
    // An agent's own: assigned to them, created by them, or waiting unassigned in their team.
    own: c.assigneeId === viewer.id || c.createdBy === viewer.id || (c.assigneeId === null && c.teamId !== null && c.teamId === viewer.teamId),
    team: c.teamId === viewer.teamId || c.assigneeTeamId === viewer.teamId,
    campaign: false,
  });
}

/** Assigning to someone else is a supervisor's call; an agent may only take a case or hand it to the team. */
export function canAssignTo(viewer: Viewer, assigneeId: number | null, assigneeTeamId: number | null): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'supervisor') return assigneeId === null || assigneeTeamId === viewer.teamId;
  if (viewer.role === 'agent') return assigneeId === null || assigneeId === viewer.id;
  return false;
}
