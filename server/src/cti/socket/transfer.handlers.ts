// Socket commands of a transfer: the directory to pick a target from, and "Transfer now". The
// rules live in the ACD (acd/call-transfers.ts, acd/rules/transfer-target.ts); this parses,
// gathers the context from the call log, and answers.
import { z } from 'zod';
import { roleTakesCalls, TransferCommand, type Me, type TransferDirectory } from '../../../../contract/index.js';
import { DomainError, forbidden } from '../../platform/domain-error.js';
import type { Logger } from '../../platform/logger.js';
import { msg } from '../../platform/i18n/message.js';
import { command, type CommandContext } from '../../platform/realtime/ack.js';
import type { KefuSocket } from '../../platform/realtime/socket-server.js';
import type { AgentRegistry } from '../../acd/agent-registry.js';
import type { CallCenter } from '../../acd/call-center.js';
import { resolveTransferTarget } from '../../acd/rules/transfer-target.js';
import type { TransferNotes, TransferTarget } from '../../acd/call-transfers.js';
import type { LiveCall } from '../../acd/live-call.js';
import type { TransferContextRepository } from '../data/transfer-context.repository.js';

const Empty = z.object({}).strict();

export interface TransferDeps {
  callCenter: CallCenter;
  agents: AgentRegistry;
  context: TransferContextRepository;
  /** Resolves once the call log has written what happened so far on this call. */
  callWritten(callId: string): Promise<void>;
  log: Logger;
}

export function registerCallTransfer(socket: KefuSocket, user: Me, d: TransferDeps): void {
  if (!roleTakesCalls(user.role)) return;
  const commands: CommandContext = { log: d.log.child({ userId: user.id, socketId: socket.id }), locale: () => socket.data.locale };
  const mustBeAgent = () => {
    if (!d.agents.get(user.id)) throw forbidden(msg('agent.notSetUp'));
  };

  socket.on(
    'transfer:directory',
    command(Empty, commands, (): TransferDirectory => {
      mustBeAgent();
      const agents = d.agents
        .all()
        .filter((a) => a.def.id !== user.id && a.status.state !== 'logged_out')
        .map((a) => ({ id: a.def.id, name: a.def.displayName, extension: a.def.extension, state: a.status.state, phoneReachable: a.reachable }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const queues = d.callCenter
        .queueDefinitions()
        .filter((q) => q.active !== false)
        .map((q) => ({ id: q.id, name: q.displayName, number: q.dialNumber }));
      return { agents, queues };
    }),
  );

  socket.on(
    'call:transfer',
    command(TransferCommand, commands, async (cmd) => {
      mustBeAgent();
      const call = d.callCenter.transfers.connectedCallOf(user.id);
      const target = transferTargetOf(cmd.to, d);
      const notes = await transferNotesOf(call, cmd.reason, d);
      return d.callCenter.transfers.blind(user.id, target, notes);
    }),
  );
}

/** What "Transfer to" names (for blind transfer and consult alike), or the refusal. */
export function transferTargetOf(to: string, d: Pick<TransferDeps, 'agents' | 'callCenter'>): TransferTarget {
  const agents = d.agents.all().map((a) => ({ id: a.def.id, name: a.def.displayName, extension: a.def.extension }));
  const queues = d.callCenter.queueDefinitions().map((q) => ({ ...q, numbers: q.numbers ?? (q.dialNumber ? [q.dialNumber] : []) }));
  const target = resolveTransferTarget(to, agents, queues);
  if (target.type === 'unknown') throw new DomainError('NOT_FOUND', msg('transfer.unknownTarget', { to }));
  if (target.type === 'ambiguous') throw new DomainError('VALIDATION', msg('transfer.ambiguousTarget', { to }));
  return target;
}

/** The context that travels with the call: the reason typed, and the notes and cases so far. */
export async function transferNotesOf(call: LiveCall, reason: string | undefined, d: Pick<TransferDeps, 'context' | 'callWritten'>): Promise<TransferNotes> {
  // Notes typed a moment ago may still be on their way to the log: let it catch up first.
  await d.callWritten(call.callId);
  return d.context.of(call.interactionId!, reason?.trim() ? reason.trim() : null);
}
