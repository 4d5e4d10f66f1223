// The wallboard's socket commands: a supervisor or admin starts watching (the snapshot comes back
// in the ack, the deltas follow in the `wallboard` room) or stops. Others are refused, audited.
import { z } from 'zod';
import { roleSupervises, type Me } from '../../../../contract/index.js';
import { forbidden } from '../../platform/domain-error.js';
import type { Logger } from '../../platform/logger.js';
import { command } from '../../platform/realtime/ack.js';
import { socketCommandContext } from '../../platform/realtime/socket-command-context.js';
import type { KefuSocket } from '../../platform/realtime/socket-server.js';
import { msg } from '../../platform/i18n/message.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { FloorService } from '../floor.service.js';
import { WALLBOARD_ROOM } from './socket-floor-notifier.js';

const Empty = z.object({}).strict();

export interface WallboardDeps {
  floor: FloorService;
  audit: AuditRepository;
  log: Logger;
}

export function registerWallboard(socket: KefuSocket, user: Me, d: WallboardDeps): void {
  const ctx = socketCommandContext(socket, user, d.audit, d.log);
  const mayWatch = () => {
    if (!roleSupervises(user.role)) throw forbidden(msg('wallboard.supervisorsOnly'));
  };
  socket.on(
    'wallboard:watch',
    command(Empty, ctx, async () => {
      mayWatch();
      // Joined before the snapshot is taken: a change after it reaches this socket as a delta.
      await socket.join(WALLBOARD_ROOM);
      return d.floor.snapshot();
    }),
  );
  socket.on(
    'wallboard:unwatch',
    command(Empty, ctx, async () => {
      await socket.leave(WALLBOARD_ROOM);
      return { watching: false as const };
    }),
  );
}
