// An agent's own side of the shift: signing in by opening the console, Ready / Not ready,
// and after-call work, which ends by the agent's choice or when its time runs out.
import type { LiveCallView } from '../../../contract/index.js';
import { DomainError, fieldError } from '../platform/domain-error.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { Clock } from '../platform/clock.js';
import type { CallFacts } from './call-facts.js';
import { msg } from '../platform/i18n/message.js';

interface Deps {
  agents: AgentRegistry;
  clock: Clock;
  facts: CallFacts;
  /** An agent became available: the ACD routes waiting calls. */
  onAvailable(): void;
}

export class AgentShift {
  constructor(private readonly d: Deps) {}

  /** First console of an agent connected: logs them in (Not ready) if they were out. */
  agentConnected(userId: number): void {
    const agent = this.d.agents.get(userId);
    if (!agent) return;
    agent.connections += 1;
    if (agent.logoutTimer) {
      this.d.clock.clearTimeout(agent.logoutTimer);
      agent.logoutTimer = null;
    }
    if (agent.status.state === 'logged_out') this.d.agents.apply(agent, { type: 'login' });
  }

  /** A reload reconnects within seconds; only a console gone for a while logs the agent out. */
  agentDisconnected(userId: number, graceMs = 60_000): void {
    const agent = this.d.agents.get(userId);
    if (!agent) return;
    agent.connections = Math.max(0, agent.connections - 1);
    if (agent.connections > 0 || agent.logoutTimer) return;
    agent.logoutTimer = this.d.clock.setTimeout(() => {
      agent.logoutTimer = null;
      if (agent.connections > 0) return;
      if (agent.status.state === 'ready' || agent.status.state === 'not_ready') this.d.agents.apply(agent, { type: 'logout' });
    }, graceMs);
  }

  setReady(userId: number): LiveAgent {
    const agent = this.mustGetAgent(userId);
    if (agent.status.state === 'ready') return agent; // a second click changes nothing
    this.signBackIn(agent);
    this.assertWrapUpDone(agent);
    if (agent.status.state === 'wrap_up') this.d.agents.apply(agent, { type: 'wrap_done', then: 'ready' });
    else this.d.agents.apply(agent, { type: 'set_ready' });
    this.releaseWrapUp(agent);
    this.d.onAvailable();
    return agent;
  }

  setNotReady(userId: number, reason: string): LiveAgent {
    const agent = this.mustGetAgent(userId);
    this.signBackIn(agent);
    this.assertWrapUpDone(agent);
    if (agent.status.state === 'wrap_up') {
      this.d.agents.apply(agent, { type: 'wrap_done', then: 'not_ready' });
      this.releaseWrapUp(agent);
    }
    // A supervisor's log-out that waited for the wrap-up has just landed: nothing left to set.
    if (agent.status.state !== 'logged_out') this.d.agents.apply(agent, { type: 'set_not_ready', reason });
    return agent;
  }

  /**
   * After-call work: ends by the agent's choice or when the queue's wrap-up time runs out
   * (`seconds`; null: the queue sets no limit). The id and view of a call still being logged
   * may come later.
   */
  startWrapUp(
    agent: LiveAgent,
    interactionId: number | null | Promise<number | undefined>,
    seconds: number | null,
    view: LiveCallView | null | Promise<LiveCallView | null> = null,
  ): void {
    const now = this.d.clock.now();
    const wrap: NonNullable<LiveAgent['wrapOf']> = {
      interactionId: null,
      logging: interactionId instanceof Promise,
      startedAt: now,
      endsAt: seconds === null ? null : now + seconds * 1000,
      view: null,
      disposition: null,
    };
    // Set before the state changes: the pushed state carries when wrap-up ends.
    const previous = agent.wrapOf;
    agent.wrapOf = wrap;
    try {
      this.d.agents.apply(agent, { type: 'call_ended' });
    } catch (err) {
      agent.wrapOf = previous;
      throw err;
    }
    if (interactionId instanceof Promise) {
      // A call that could not be logged has nothing to give a disposition to.
      void interactionId.then(
        (id) => Object.assign(wrap, { interactionId: id ?? null, logging: false }),
        () => (wrap.logging = false),
      );
    }
    else wrap.interactionId = interactionId;
    if (view instanceof Promise) void view.then((v) => (wrap.view = v));
    else wrap.view = view;
    if (seconds === null) return;
    agent.wrapTimer = this.d.clock.setTimeout(() => {
      agent.wrapTimer = null;
      if (agent.status.state !== 'wrap_up') return;
      this.d.agents.apply(agent, { type: 'wrap_done', then: 'ready' });
      this.releaseWrapUp(agent);
      this.d.onAvailable();
    }, seconds * 1000);
  }

  /** The call in wrap-up now has its disposition: the agent may leave wrap-up by hand. */
  recordDisposition(userId: number, interactionId: number, disposition: string): boolean {
    const agent = this.d.agents.get(userId);
    if (!agent || agent.status.state !== 'wrap_up' || !agent.wrapOf || agent.wrapOf.interactionId !== interactionId) return false;
    agent.wrapOf.disposition = disposition;
    return true;
  }

  /** An agent a supervisor logged out, console still open, is back by choosing a state. */
  private signBackIn(agent: LiveAgent): void {
    if (agent.status.state === 'logged_out' && agent.connections > 0) this.d.agents.apply(agent, { type: 'login' });
  }

  /** A call in after-call work is finished by giving it a disposition; only the time limit skips one. */
  private assertWrapUpDone(agent: LiveAgent): void {
    const wrap = agent.wrapOf;
    if (agent.status.state === 'wrap_up' && wrap && (wrap.interactionId != null || wrap.logging) && wrap.disposition === null) {
      throw new DomainError('VALIDATION', msg('wrapUp.dispositionToFinish'), [
        fieldError('disposition', 'wrapUp.dispositionRequired'),
      ]);
    }
  }

  /** The wrap-up time goes on the call the agent was wrapping up. */
  private releaseWrapUp(agent: LiveAgent): void {
    const wrap = agent.wrapOf;
    const callId = agent.callId;
    agent.wrapOf = null;
    agent.callId = null;
    if (!wrap || wrap.interactionId === null) return;
    const now = this.d.clock.now();
    const seconds = Math.round((now - wrap.startedAt) / 1000);
    this.d.facts.emit({ type: 'wrap-up-ended', agentId: agent.def.id, callId, interactionId: wrap.interactionId, seconds, at: now });
  }

  private mustGetAgent(userId: number): LiveAgent {
    const agent = this.d.agents.get(userId);
    if (!agent) throw new Error(`unknown agent ${userId}`);
    return agent;
  }
}
