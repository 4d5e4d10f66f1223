// Socket commands of a consult (attended) transfer: start it, complete it, cancel it, swap
// between the caller and the colleague. The rules live in the ACD (acd/call-consults.ts); this
// parses, gathers the context as "Transfer now" does, and answers.
import { z } from 'zod';
import { ConsultCommand, ConsultSwapCommand, roleTakesCalls, type Me } from '../../../../contract/index.js';
import { forbidden } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import { command, type CommandContext } from '../../platform/realtime/ack.js';
import type { KefuSocket } from '../../platform/realtime/socket-server.js';
import { transferNotesOf, transferTargetOf, type TransferDeps } from './transfer.handlers.js';

const Empty = z.object({}).strict();

export function registerCallConsult(socket: KefuSocket, user: Me, d: TransferDeps): void {
  if (!roleTakesCalls(user.role)) return;
  const commands: CommandContext = { log: d.log.child({ userId: user.id, socketId: socket.id }), locale: () => socket.data.locale };
  const consults = d.callCenter.consults;
  const mustBeAgent = () => {
    if (!d.agents.get(user.id)) throw forbidden(msg('agent.notSetUp'));
  };

  socket.on(
    'call:consult',
    command(ConsultCommand, commands, async (cmd) => {
      mustBeAgent();
      const call = d.callCenter.transfers.connectedCallOf(user.id);
      const target = transferTargetOf(cmd.to, d);
      const notes = await transferNotesOf(call, cmd.reason, d);
      return consults.start(user.id, target, notes);
    }),
  );

  socket.on(
    'call:consult-complete',
    command(Empty, commands, () => {
      mustBeAgent();
      return consults.complete(user.id);
    }),
  );

  socket.on(
    'call:consult-cancel',
    command(Empty, commands, () => {
      mustBeAgent();
      consults.cancel(user.id);
      return { cancelled: true as const };
    }),
  );

  socket.on(
    'call:consult-swap',
    command(ConsultSwapCommand, commands, (cmd) => {
      mustBeAgent();
      return consults.swap(user.id, cmd.talkTo);
    }),
  );
}
