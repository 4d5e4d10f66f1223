import type { KefuIo } from '../../platform/realtime/socket-server.js';
import type { FloorNotifier } from '../floor.service.js';

/** The room of the sockets watching the wallboard (supervisors and admins only join it). */
export const WALLBOARD_ROOM = 'wallboard';

/** Pushes the floor's coalesced changes to every watching supervisor: one emit per burst. */
export function socketFloorNotifier(io: () => KefuIo | null): FloorNotifier {
  return {
    watching: () => (io()?.sockets.adapter.rooms.get(WALLBOARD_ROOM)?.size ?? 0) > 0,
    changed: (delta) => io()?.to(WALLBOARD_ROOM).emit('wallboard:changed', delta),
  };
}
