// After-call work: the agent gives the call a disposition from its queue's codes (required),
// final notes, and goes back to Ready or Not ready. The time spent is logged when wrap-up ends.
import type { AgentStatusView, DispositionList, WrapUpCommandParsed } from '../../../contract/index.js';
import { fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import type { DispositionRepository } from './data/disposition.repository.js';
import type { InteractionRepository } from './data/interaction.repository.js';
import type { AgentRegistry } from '../acd/agent-registry.js';
import type { AgentShift } from '../acd/agent-shift.js';
import type { NotReadyReasons } from '../acd/not-ready-reasons.js';
import { msg } from '../platform/i18n/message.js';

export class WrapUpService {
  constructor(
    private readonly d: { interactions: InteractionRepository; dispositions: DispositionRepository; agents: AgentRegistry; shift: () => AgentShift; reasons: NotReadyReasons },
  ) {}

  /** The codes an agent may choose for one of their calls. */
  async codesFor(userId: number, interactionId: number): Promise<DispositionList> {
    const call = await this.d.interactions.queueAndAgentOf(interactionId);
    if (!call) throw notFound('Call');
    if (call.agentId !== userId && !(await this.d.interactions.wasTransferredBy(interactionId, userId))) throw forbidden(msg('call.notYours'));
    return { items: await this.d.dispositions.forQueue(call.queueId) };
  }

  /** `cmd` is parsed at the edge (the socket handler). */
  async wrapUp(userId: number, cmd: WrapUpCommandParsed): Promise<AgentStatusView> {
    const { items } = await this.codesFor(userId, cmd.interactionId);
    if (!items.some((c) => c.code === cmd.disposition)) {
      throw invalid([fieldError('disposition', 'wrapUp.unknownDisposition', { codes: items.map((c) => c.code).join(', ') })]);
    }
    // Checked before anything is saved, so a refused reason leaves the wrap-up to be finished again.
    if (cmd.then === 'not_ready') await this.d.reasons.assertSelectable(cmd.reason);
    if (!(await this.d.interactions.saveWrapUp(cmd.interactionId, userId, cmd.disposition, cmd.notes))) throw forbidden(msg('call.notYours'));
    const shift = this.d.shift();
    // A call whose wrap-up time already ran out keeps its disposition; the agent's state stays.
    if (shift.recordDisposition(userId, cmd.interactionId, cmd.disposition)) {
      if (cmd.then === 'ready') shift.setReady(userId);
      else shift.setNotReady(userId, cmd.reason);
    }
    const agent = this.d.agents.get(userId);
    if (!agent) throw forbidden(msg('agent.notSetUp'));
    return this.d.agents.view(agent);
  }
}
