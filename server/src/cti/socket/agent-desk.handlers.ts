// Socket commands of the agent desktop. Each is validated, checked against the caller's role,
// and answered with an ack; the rules live in the CallCenter and the services.
import { z } from 'zod';
import {
  ChooseCustomerCommand,
  SaveNotesCommand,
  ScreenPopLookupCommand,
  SetAgentStateCommand,
  roleTakesCalls,
  WrapUpCommand,
  type Me,
} from '../../../../contract/index.js';
import { DomainError, forbidden } from '../../platform/domain-error.js';
import type { Logger } from '../../platform/logger.js';
import type { CallLogRepository } from '../data/call-log.repository.js';
import type { InteractionRepository } from '../data/interaction.repository.js';
import type { CustomerService } from '../../customers/customer.service.js';
import type { WrapUpService } from '../wrap-up.service.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { AgentRegistry } from '../../acd/agent-registry.js';
import type { CallCenter } from '../../acd/call-center.js';
import type { NotReadyReasons } from '../../acd/not-ready-reasons.js';
import { command } from '../../platform/realtime/ack.js';
import { socketCommandContext } from '../../platform/realtime/socket-command-context.js';
import type { KefuSocket } from '../../platform/realtime/socket-server.js';
import { msg } from '../../platform/i18n/message.js';
import { maskScreenPop } from '../../customers/privacy/phone-masking.js';

const Empty = z.object({}).strict();

export interface AgentDeskDeps {
  callCenter: CallCenter;
  agents: AgentRegistry;
  callLog: CallLogRepository;
  interactions: InteractionRepository;
  /** Resolves once the call log has written what happened so far on this call (not others'). */
  callWritten(callId: string): Promise<void>;
  customers: CustomerService;
  wrapUp: WrapUpService;
  reasons: NotReadyReasons;
  audit: AuditRepository;
  log: Logger;
}

/** Agents (and supervisors who take calls) get the desk; others get nothing to call. */
export function registerAgentDesk(socket: KefuSocket, user: Me, d: AgentDeskDeps): void {
  if (!roleTakesCalls(user.role)) return;
  const commands = socketCommandContext(socket, user, d.audit, d.log);
  const log = commands.log;
  const ctx = { viewer: { id: user.id, role: user.role, teamId: user.teamId }, ip: socket.handshake.address ?? null, requestId: null };
  const agent = () => {
    const a = d.agents.get(user.id);
    if (!a) throw forbidden(msg('agent.notSetUp'));
    return a;
  };

  d.callCenter.shift.agentConnected(user.id);
  socket.on('disconnect', () => d.callCenter.shift.agentDisconnected(user.id));

  socket.on(
    'agent:set-state',
    command(SetAgentStateCommand, commands, async (cmd) => {
      agent();
      if (cmd.state === 'not_ready') await d.reasons.assertSelectable(cmd.reason);
      const a = cmd.state === 'ready' ? d.callCenter.shift.setReady(user.id) : d.callCenter.shift.setNotReady(user.id, cmd.reason);
      return d.agents.view(a);
    }),
  );

  socket.on(
    'agent:get-desktop',
    command(Empty, commands, () => ({ status: d.agents.view(agent()), call: d.callCenter.currentCallOf(user.id) })),
  );

  socket.on(
    'call:save-notes',
    command(SaveNotesCommand, commands, async (cmd) => {
      // Notes typed the moment the call is answered may overtake the write that makes the call
      // the agent's; for the call on the agent's desk, let the call log catch up first.
      const current = d.callCenter.currentCallOf(user.id);
      if (current?.interactionId === cmd.interactionId) await d.callWritten(current.callId);
      if (!(await d.interactions.saveNotes(cmd.interactionId, user.id, cmd.notes))) {
        throw new DomainError('FORBIDDEN', msg('call.notesOwnOnly'));
      }
      return { savedAt: new Date().toISOString() };
    }),
  );

  socket.on(
    'call:choose-customer',
    command(ChooseCustomerCommand, commands, async (cmd) => {
      const call = d.callCenter.currentCallOf(user.id);
      // Only the call on the agent's desk right now, and only a customer on its number or just created by them.
      if (!call || call.interactionId !== cmd.interactionId) throw forbidden(msg('call.notYourCurrent'));
      const allowed = call.screenPop.matches.some((m) => m.id === cmd.customerId);
      if (!allowed) await d.customers.assertCanSee(ctx, cmd.customerId);
      await d.callWritten(call.callId); // the call's row may still be on its way
      await d.callLog.setCustomer(cmd.interactionId, cmd.customerId);
      // A number dialled unseen is masked on the desk: the pop is built from the logged number
      // and handed back masked.
      const number = call.numberHidden ? await d.interactions.callerNumberOf(cmd.interactionId) : call.screenPop.callerNumber;
      if (number === null) throw forbidden(msg('call.notYourCurrent'));
      // An offer shows every customer on the number; a call outside a queue only those the agent may see.
      const pop =
        call.queueName === null
          ? await d.customers.screenPopChoosing(ctx, number, cmd.customerId)
          : await d.customers.offerScreenPopFor(number, cmd.customerId);
      d.callCenter.updateScreenPop(call.callId, pop, cmd.customerId);
      return call.numberHidden ? maskScreenPop(pop) : pop;
    }),
  );

  socket.on(
    'call:wrap-up',
    command(WrapUpCommand, commands, (cmd) => {
      agent();
      return d.wrapUp.wrapUp(user.id, cmd);
    }),
  );

  socket.on(
    'screenpop:lookup',
    command(ScreenPopLookupCommand, commands, (cmd) => d.customers.screenPop(ctx, cmd.callerNumber)),
  );
}
