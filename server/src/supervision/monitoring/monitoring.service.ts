// A supervisor listening to, coaching or joining an agent's call from the browser. The server
// does not carry the audio: it checks who may monitor whom in which mode, relays the WebRTC
// offer and answer between the supervisor's page and the agent's softphone (which mixes what
// each party hears), tells both ends of mode changes, audits every session (who, whom, which
// call, each mode change, from–to) and ends it when the agent's call ends.
import { randomUUID } from 'node:crypto';
import {
  roleSupervises,
  type MonitorEndReason,
  type MonitorMode,
  type MonitorSessionView,
  type MonitorStartCommand,
} from '../../../../contract/index.js';
import type { CallFact } from '../../acd/call-facts.js';
import type { Clock } from '../../platform/clock.js';
import { DomainError, forbidden } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import type { Logger } from '../../platform/logger.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import type { FloorPersonRow } from '../floor-actions/data/floor-people.repository.js';
import { canActOn } from '../floor-actions/rules/floor-reach.js';
import { allowedModes, type MonitoringPolicy } from './rules/monitor-policy.js';
import type { MonitorNotifier } from './monitor-notifier.js';

export interface MonitoringDeps {
  people: { find(id: number): Promise<FloorPersonRow | undefined> };
  audit: AuditRepository;
  notifier: MonitorNotifier;
  clock: Clock;
  log: Logger;
  policy: MonitoringPolicy;
}

/** Who is asking, and on which socket: the session's events go to that socket only. */
export interface MonitorRequester extends RequestContext {
  socketId: string;
}

interface AgentCall {
  callId: string;
  interactionId: number;
}

interface Session {
  id: string;
  supervisorId: number;
  supervisorSocket: string;
  /** The socket of the agent's console that answered; null until it does. */
  agentSocket: string | null;
  agentId: number;
  call: AgentCall;
  mode: MonitorMode;
  allowed: MonitorMode[];
  startedAt: number;
  ip: string | null;
}

export class MonitoringService {
  /** The call each agent is talking on now, from the call facts. */
  private readonly calls = new Map<number, AgentCall>();
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly d: MonitoringDeps) {}

  /** The subscriber to the call facts: which call each agent is on, and the end of it. */
  readonly follow = (f: CallFact): void => {
    switch (f.type) {
      case 'call-answered':
        this.calls.set(f.agentId, { callId: f.callId, interactionId: f.interactionId });
        return;
      case 'direct-call-shown':
        if (!f.ringing) this.calls.set(f.agentId, { callId: f.callId, interactionId: f.view.interactionId });
        return;
      case 'call-ended':
        if (f.agentId !== null) this.callOver(f.agentId, f.callId);
        return;
      case 'direct-call-ended':
        this.callOver(f.agentId, f.callId);
        return;
      case 'agent-state-changed':
        // Wrap-up, Ready, logged out: whatever call the agent had is over for the monitor.
        if (f.status.state !== 'on_call') {
          const call = this.calls.get(f.agentId);
          if (call) this.callOver(f.agentId, call.callId);
        }
        return;
      default:
        return;
    }
  };

  async start(ctx: MonitorRequester, cmd: MonitorStartCommand): Promise<MonitorSessionView> {
    if (!roleSupervises(ctx.viewer.role)) throw forbidden(msg('monitoring.supervisorsOnly'));
    const agent = await this.d.people.find(cmd.agentUserId);
    if (!agent) throw new DomainError('NOT_FOUND', msg('floor.notAnAgent'));
    const allowed = allowedModes(ctx.viewer.role, this.d.policy);
    if (!canActOn(ctx.viewer, agent)) return this.refuse(ctx, 'monitoring.started', agent.id, 'other_team', msg('floor.teamOnly'));
    if (!allowed.includes(cmd.mode)) return this.refuse(ctx, 'monitoring.started', agent.id, 'mode_not_allowed', msg('monitoring.modeNotAllowed'));
    const call = this.calls.get(agent.id);
    if (!call) throw new DomainError('CONFLICT', msg('monitoring.noCall'));
    if ([...this.sessions.values()].some((s) => s.agentId === agent.id)) throw new DomainError('CONFLICT', msg('monitoring.alreadyMonitored'));

    const session: Session = {
      id: randomUUID(),
      supervisorId: ctx.viewer.id,
      supervisorSocket: ctx.socketId,
      agentSocket: null,
      agentId: agent.id,
      call,
      mode: cmd.mode,
      allowed,
      startedAt: this.d.clock.now(),
      ip: ctx.ip,
    };
    this.sessions.set(session.id, session);
    // Audited before the agent's softphone hears of it: no monitoring without its record.
    await this.audit(session, 'monitoring.started', { mode: session.mode });
    if (!this.sessions.has(session.id)) throw new DomainError('CONFLICT', msg('monitoring.noCall')); // the call ended meanwhile
    const supervisor = this.d.policy.agentSeesMonitoring ? { id: ctx.viewer.id, name: (await this.d.people.find(ctx.viewer.id))?.displayName ?? '' } : null;
    this.d.notifier.toUser(agent.id, 'monitor:offered', { sessionId: session.id, callId: call.callId, mode: session.mode, offer: cmd.offer, supervisor });
    return this.view(session);
  }

  /** The agent's softphone answered; the first console to answer holds the session. */
  answer(agentId: number, socketId: string, sessionId: string, answer: string): { answered: true } {
    const s = this.agentSession(agentId, sessionId);
    if (s.agentSocket !== null && s.agentSocket !== socketId) throw new DomainError('CONFLICT', msg('monitoring.alreadyMonitored'));
    s.agentSocket = socketId;
    this.d.notifier.toSocket(s.supervisorSocket, 'monitor:answered', { sessionId, answer });
    return { answered: true };
  }

  /** The agent's console cannot take part (no call in that browser, no microphone). */
  async decline(agentId: number, socketId: string, sessionId: string): Promise<{ declined: true }> {
    const s = this.agentSession(agentId, sessionId);
    // Another tab of the agent's may hold the call: only the one that answered ends it.
    if (s.agentSocket === socketId) await this.end(s, 'agent_unavailable');
    return { declined: true };
  }

  async setMode(ctx: MonitorRequester, sessionId: string, mode: MonitorMode): Promise<MonitorSessionView> {
    const s = this.supervisorSession(ctx, sessionId);
    if (!s.allowed.includes(mode)) return this.refuse(ctx, 'monitoring.mode_changed', s.agentId, 'mode_not_allowed', msg('monitoring.modeNotAllowed'));
    if (s.mode !== mode) {
      const from = s.mode;
      s.mode = mode;
      await this.audit(s, 'monitoring.mode_changed', { from, to: mode });
      const change = { sessionId, mode };
      if (s.agentSocket) this.d.notifier.toSocket(s.agentSocket, 'monitor:mode-changed', change);
      this.d.notifier.toSocket(s.supervisorSocket, 'monitor:mode-changed', change);
    }
    return this.view(s);
  }

  async stop(ctx: MonitorRequester, sessionId: string): Promise<{ stopped: true }> {
    await this.end(this.supervisorSession(ctx, sessionId), 'stopped');
    return { stopped: true };
  }

  /** A socket closed: the sessions it watched end; the agent's ends if it held the call. */
  async socketClosed(socketId: string): Promise<void> {
    for (const s of [...this.sessions.values()]) {
      if (s.supervisorSocket === socketId) await this.end(s, 'supervisor_left');
      else if (s.agentSocket === socketId) await this.end(s, 'agent_unavailable');
    }
  }

  /** Sessions open now (for tests and shut-down). */
  get openSessions(): number {
    return this.sessions.size;
  }

  private callOver(agentId: number, callId: string): void {
    if (this.calls.get(agentId)?.callId === callId) this.calls.delete(agentId);
    for (const s of [...this.sessions.values()]) {
      if (s.agentId === agentId && s.call.callId === callId) {
        this.end(s, 'call_ended').catch((err: unknown) => this.d.log.error({ err }, 'could not end a monitoring session'));
      }
    }
  }

  private async end(s: Session, reason: MonitorEndReason): Promise<void> {
    if (!this.sessions.delete(s.id)) return; // ended already
    const ended = { sessionId: s.id, reason };
    this.d.notifier.toSocket(s.supervisorSocket, 'monitor:ended', ended);
    if (s.agentSocket) this.d.notifier.toSocket(s.agentSocket, 'monitor:ended', ended);
    // Not yet answered: every console of the agent was offered it.
    else this.d.notifier.toUser(s.agentId, 'monitor:ended', ended);
    const seconds = Math.round((this.d.clock.now() - s.startedAt) / 1000);
    await this.audit(s, 'monitoring.ended', { reason, mode: s.mode, seconds });
  }

  private agentSession(agentId: number, sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s || s.agentId !== agentId) throw new DomainError('NOT_FOUND', msg('monitoring.noSuchSession'));
    return s;
  }

  private supervisorSession(ctx: MonitorRequester, sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s || s.supervisorId !== ctx.viewer.id) throw new DomainError('NOT_FOUND', msg('monitoring.noSuchSession'));
    return s;
  }

  private async refuse(ctx: MonitorRequester, action: string, agentId: number, reason: string, message: ReturnType<typeof msg>): Promise<never> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'user', entityId: agentId, outcome: 'denied', ip: ctx.ip, requestId: ctx.requestId, detail: { reason } });
    throw forbidden(message).markAudited();
  }

  /** One audit row per event of a session, on the call's interaction, naming the agent. */
  private audit(s: Session, action: string, detail: Record<string, unknown>): Promise<void> {
    return this.d.audit.write({
      userId: s.supervisorId,
      action,
      entity: 'interaction',
      entityId: s.call.interactionId,
      outcome: 'allowed',
      ip: s.ip,
      detail: { sessionId: s.id, agentId: s.agentId, callId: s.call.callId, ...detail },
    });
  }

  private view(s: Session): MonitorSessionView {
    return { sessionId: s.id, agentUserId: s.agentId, callId: s.call.callId, mode: s.mode, allowedModes: s.allowed, startedAt: new Date(s.startedAt).toISOString() };
  }
}
