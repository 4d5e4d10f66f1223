// Whom a viewer may act on from the floor: admins on every agent, supervisors on their own
// team's agents (a supervisor without a team on no one), nobody else on anybody.
import { roleSupervises, roleTakesCalls, type Role } from '../../../../../contract/index.js';
import { viewerReaches } from '../../../identity/reach.js';
import type { Viewer } from '../../../identity/request-context.js';

export interface FloorPerson {
  id: number;
  role: Role;
  teamId: number | null;
}

export function canActOn(viewer: Viewer, agent: FloorPerson): boolean {
  if (!roleSupervises(viewer.role) || !roleTakesCalls(agent.role)) return false;
  return viewerReaches(viewer, { own: false, team: agent.teamId !== null && agent.teamId === viewer.teamId, campaign: false });
}
