// A supervisor acting on the floor: forcing an agent Not ready or logging them out, sending
// them a message, pulling a waiting call. Every action is checked against whom the viewer may
// act on (rules/floor-reach.ts) and written to the audit log: who, whom, what, when.
import { randomUUID } from 'node:crypto';
import {
  LOGGED_OUT_BY_SUPERVISOR,
  roleSupervises,
  type FloorActionResult,
  type FloorAgentList,
  type FloorNotice,
  type FloorWaitingCallList,
  type ForcedNotReadyReason,
  type PullCallRequest,
} from '../../../../contract/index.js';
import type { Clock } from '../../platform/clock.js';
import { DomainError, forbidden } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import type { FloorPeopleRepository, FloorPersonRow } from './data/floor-people.repository.js';
import type { FloorNotifier, LiveFloor } from './floor-ports.js';
import { canActOn } from './rules/floor-reach.js';
import { waitingCallList } from './waiting-call-list.js';

export interface FloorActionsDeps {
  floor: LiveFloor;
  /** The one check of a Not-ready reason: the admin's active ones (as for the agent's own choice). */
  reasons: { assertSelectable(code: string, field?: string): Promise<void> };
  people: FloorPeopleRepository;
  audit: AuditRepository;
  notifier: FloorNotifier;
  clock: Clock;
}

export class FloorActionsService {
  constructor(private readonly d: FloorActionsDeps) {}

  /** The agents the viewer may act on, with their live state. */
  async agents(ctx: RequestContext): Promise<FloorAgentList> {
    assertSupervises(ctx);
    // A supervisor without a team reaches no one (rules/floor-reach.ts).
    if (ctx.viewer.role !== 'admin' && ctx.viewer.teamId === null) return { items: [] };
    const people = await this.d.people.agents(ctx.viewer.role === 'admin' ? null : ctx.viewer.teamId);
    return {
      items: people.map((p) => {
        const s = this.d.floor.status(p.id);
        return {
          userId: p.id,
          displayName: p.displayName,
          teamId: p.teamId,
          state: s?.state ?? 'logged_out',
          reason: s?.reason ?? null,
          since: s?.since ?? new Date(this.d.clock.now()).toISOString(),
          phoneReachable: s?.phoneReachable ?? false,
          pending: s?.pending ?? null,
        };
      }),
    };
  }

  async forceNotReady(ctx: RequestContext, agentId: number, reason: ForcedNotReadyReason): Promise<FloorActionResult> {
    const agent = await this.mustReach(ctx, agentId, 'floor.force_not_ready');
    await this.d.reasons.assertSelectable(reason);
    const result = this.d.floor.forceNotReady(agent.id, reason);
    await this.audited(ctx, 'floor.force_not_ready', agent, { reason, applied: result.applied });
    await this.notify(ctx, agent.id, { kind: result.applied === 'now' ? 'forced_not_ready' : 'forced_not_ready_after_call', text: null, reason });
    return result;
  }

  async logOut(ctx: RequestContext, agentId: number): Promise<FloorActionResult> {
    const agent = await this.mustReach(ctx, agentId, 'floor.log_out');
    const result = this.d.floor.logOut(agent.id, LOGGED_OUT_BY_SUPERVISOR);
    await this.audited(ctx, 'floor.log_out', agent, { applied: result.applied });
    await this.notify(ctx, agent.id, { kind: result.applied === 'now' ? 'logged_out' : 'logged_out_after_call', text: null, reason: null });
    return result;
  }

  async message(ctx: RequestContext, agentId: number, text: string): Promise<{ sentAt: string }> {
    const agent = await this.mustReach(ctx, agentId, 'floor.message');
    if (!this.d.floor.status(agent.id)?.connected) throw new DomainError('CONFLICT', msg('floor.agentNotConnected'));
    await this.audited(ctx, 'floor.message', agent, { text });
    const notice = await this.notify(ctx, agent.id, { kind: 'message', text, reason: null });
    return { sentAt: notice.at };
  }

  /** Calls waiting now, and the queues a call may be pulled to. */
  waitingCalls(ctx: RequestContext): FloorWaitingCallList {
    assertSupervises(ctx);
    return waitingCallList(this.d.floor);
  }

  /**
   * Pulls a waiting call: to another queue (any queue: the floor is shared), to a named agent
   * of the viewer's reach who is Ready, or to the viewer's own phone.
   */
  async pull(ctx: RequestContext, callId: string, req: PullCallRequest): Promise<{ pulled: true }> {
    assertSupervises(ctx);
    const call = this.d.floor.waitingCalls().find((c) => c.callId === callId);
    if (!call) throw new DomainError('CONFLICT', msg('floor.callNotWaiting'));
    const to = req.to;
    let detail: Record<string, unknown>;
    if (to.kind === 'queue') {
      this.d.floor.pull(callId, { kind: 'queue', queueId: to.queueId });
      detail = { callId, fromQueueId: call.queueId, toQueueId: to.queueId };
    } else {
      const agentId = to.kind === 'me' ? ctx.viewer.id : to.agentId;
      if (to.kind === 'agent') await this.mustReach(ctx, agentId, 'floor.pull_call');
      this.d.floor.pull(callId, { kind: 'agent', agentId, wake: to.kind === 'me' });
      detail = { callId, fromQueueId: call.queueId, toAgentId: agentId };
    }
    await this.d.audit.write({
      userId: ctx.viewer.id,
      action: 'floor.pull_call',
      entity: 'interaction',
      entityId: call.interactionId,
      outcome: 'allowed',
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail,
    });
    return { pulled: true };
  }

  /** The agent, if the viewer may act on them; a refusal is audited with whom it concerned. */
  private async mustReach(ctx: RequestContext, agentId: number, action: string): Promise<FloorPersonRow> {
    assertSupervises(ctx);
    const agent = await this.d.people.find(agentId);
    if (!agent || this.d.floor.status(agent.id) === null) throw new DomainError('NOT_FOUND', msg('floor.notAnAgent'));
    if (!canActOn(ctx.viewer, agent)) {
      await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'user', entityId: agent.id, outcome: 'denied', ip: ctx.ip, requestId: ctx.requestId, detail: { reason: 'other_team' } });
      throw forbidden(msg('floor.teamOnly')).markAudited();
    }
    return agent;
  }

  private audited(ctx: RequestContext, action: string, agent: FloorPersonRow, detail: Record<string, unknown>): Promise<void> {
    return this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'user', entityId: agent.id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail });
  }

  /** Tells the agent's desktop, naming the supervisor (the message is theirs, the change too). */
  private async notify(ctx: RequestContext, agentId: number, n: Pick<FloorNotice, 'kind' | 'text' | 'reason'>): Promise<FloorNotice> {
    const name = (await this.d.people.find(ctx.viewer.id))?.displayName ?? '';
    const notice: FloorNotice = { id: randomUUID(), ...n, from: { id: ctx.viewer.id, name }, at: new Date(this.d.clock.now()).toISOString() };
    this.d.notifier.notice(agentId, notice);
    return notice;
  }
}

function assertSupervises(ctx: RequestContext): void {
  if (!roleSupervises(ctx.viewer.role)) throw forbidden(msg('floor.supervisorsOnly'));
}
