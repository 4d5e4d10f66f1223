import type { Viewer } from '../customers/rules/access-policy.js';

/** Who is asking, and from where: carried from the transport into services for auditing. */
export interface RequestContext {
  viewer: Viewer;
  ip: string | null;
  requestId: string | null;
}
