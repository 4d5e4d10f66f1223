// How far each role reaches over records (customers, cases): admins everything, supervisors
// their team's, agents their own, marketers what their campaigns hold. Each record kind says what
// "own", "team" and "campaign" mean for it; this decides which of those a viewer's role may use.
import type { Viewer } from './request-context.js';

/** Facts about one record relative to one viewer. */
export interface RecordReach {
  /** The viewer's own record (owned, assigned, handled, …). */
  own: boolean;
  /** A record of the viewer's team; read only for viewers in a team. */
  team: boolean;
  /** A record in one of the viewer's campaigns. */
  campaign: boolean;
}

export function viewerReaches(viewer: Viewer, r: RecordReach): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return viewer.teamId !== null && r.team;
    case 'agent':
      return r.own;
    case 'marketer':
      return r.campaign;
  }
}
