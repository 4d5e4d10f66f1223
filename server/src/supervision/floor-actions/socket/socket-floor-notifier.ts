import type { KefuIo } from '../../../platform/realtime/socket-server.js';
import { userRoom } from '../../../platform/realtime/socket-server.js';
import type { FloorNotifier } from '../floor-ports.js';

/** Pushes a supervisor's notice to every console of the agent it concerns, no one else. */
export function socketFloorNotifier(io: () => KefuIo | null): FloorNotifier {
  return { notice: (userId, notice) => io()?.to(userRoom(userId)).emit('floor:notice', notice) };
}
