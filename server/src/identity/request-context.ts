import type { Role } from '../../../contract/index.js';

/** Who is asking: what every access rule is decided on. */
export interface Viewer {
  id: number;
  role: Role;
  teamId: number | null;
}

/** Who is asking, and from where: carried from the transport into services for auditing. */
export interface RequestContext {
  viewer: Viewer;
  ip: string | null;
  requestId: string | null;
}
