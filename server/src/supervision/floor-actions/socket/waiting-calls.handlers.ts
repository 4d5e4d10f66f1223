// The Floor page's waiting calls over the socket: a supervisor or admin starts watching (the
// list comes back in the ack, the pushes follow in the room) or stops. Others are refused, audited.
import { z } from 'zod';
import { roleSupervises, type FloorWaitingCallList, type Me } from '../../../../../contract/index.js';
import { forbidden } from '../../../platform/domain-error.js';
import type { Logger } from '../../../platform/logger.js';
import { command } from '../../../platform/realtime/ack.js';
import { socketCommandContext } from '../../../platform/realtime/socket-command-context.js';
import type { KefuIo, KefuSocket } from '../../../platform/realtime/socket-server.js';
import { msg } from '../../../platform/i18n/message.js';
import type { AuditRepository } from '../../../identity/data/audit.repository.js';
import type { WaitingCallsNotifier } from '../waiting-calls-feed.js';

/** The room of the sockets watching the waiting calls (supervisors and admins only join it). */
export const WAITING_CALLS_ROOM = 'floor-waiting';

const Empty = z.object({}).strict();

export interface WaitingCallsDeps {
  list(): FloorWaitingCallList;
  audit: AuditRepository;
  log: Logger;
}

export function registerWaitingCalls(socket: KefuSocket, user: Me, d: WaitingCallsDeps): void {
  const ctx = socketCommandContext(socket, user, d.audit, d.log);
  socket.on(
    'floor:watch-waiting',
    command(Empty, ctx, async () => {
      if (!roleSupervises(user.role)) throw forbidden(msg('floor.supervisorsOnly'));
      // Joined before the list is read: a change after it reaches this socket as a push.
      await socket.join(WAITING_CALLS_ROOM);
      return d.list();
    }),
  );
  socket.on(
    'floor:unwatch-waiting',
    command(Empty, ctx, async () => {
      await socket.leave(WAITING_CALLS_ROOM);
      return { watching: false as const };
    }),
  );
}

/** Pushes the waiting list to every socket in the room: one emit per burst. */
export function socketWaitingCallsNotifier(io: () => KefuIo | null): WaitingCallsNotifier {
  return {
    watching: () => (io()?.sockets.adapter.rooms.get(WAITING_CALLS_ROOM)?.size ?? 0) > 0,
    changed: (list) => io()?.to(WAITING_CALLS_ROOM).emit('floor:waiting-changed', list),
  };
}
