// The command context every socket room builds the same way: a logger naming the user and the
// socket, the language read at answer time, and an audited refusal. Written once here so each
// room's handlers only say which commands they take.
import type { Me } from '../../../../contract/index.js';
import type { Logger } from '../logger.js';
import type { CommandContext } from './ack.js';
import type { KefuSocket } from './socket-server.js';

/** The one audit write a refusal needs (the identity room's audit repository has it). */
export interface RefusalAudit {
  write(entry: { userId: number; action: 'socket.refused'; outcome: 'denied'; ip: string | null; detail: { role: string; reason: string } }): Promise<unknown>;
}

export function socketCommandContext(socket: KefuSocket, user: Me, audit: RefusalAudit, log: Logger): CommandContext {
  return {
    log: log.child({ userId: user.id, socketId: socket.id }),
    locale: () => socket.data.locale,
    refused: (err) =>
      audit
        .write({
          userId: user.id,
          action: 'socket.refused',
          outcome: 'denied',
          ip: socket.handshake.address ?? null,
          detail: { role: user.role, reason: err.messageKey.key },
        })
        .then(() => undefined),
  };
}
