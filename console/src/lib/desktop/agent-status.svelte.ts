// The agent's state as the server holds it (Ready, Not ready with a reason, on a call, wrap-up),
// and the command that changes it.
import type { AgentStatusView, SetAgentStateCommand } from '@kefu/contract';
import { ApiError } from '../shared/api.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';

export class AgentStatus {
  status = $state.raw<AgentStatusView | null>(null);
  busy = $state(false);
  error = $state.raw<unknown>(null);
  /** The reason chosen on the desk: a code of the admin's active reasons (see not-ready-reasons). */
  notReadyReason = $state('break');

  readonly #now: () => number;

  /** `now` is the desk's ticking clock, for the timers. */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** The agent is in after-call work: the call needs a disposition. */
  get wrapping(): boolean {
    return this.status?.state === 'wrap_up';
  }

  /** Milliseconds in the current state. */
  get stateMs(): number | null {
    const since = this.status ? Date.parse(this.status.since) : NaN;
    return Number.isNaN(since) ? null : Math.max(0, this.#now() - since);
  }

  /** Wrap-up time left before the server makes the agent Ready; null when the queue sets no limit. */
  get wrapUpLeftMs(): number | null {
    const endsAt = this.wrapping && this.status?.wrapUpEndsAt ? Date.parse(this.status.wrapUpEndsAt) : NaN;
    return Number.isNaN(endsAt) ? null : Math.max(0, endsAt - this.#now());
  }

  /** The whole wrap-up time this call was given; null when the queue sets no limit. */
  get wrapUpAllowedMs(): number | null {
    const endsAt = this.wrapping && this.status?.wrapUpEndsAt ? Date.parse(this.status.wrapUpEndsAt) : NaN;
    const since = this.status ? Date.parse(this.status.since) : NaN;
    return Number.isNaN(endsAt) || Number.isNaN(since) ? null : Math.max(0, endsAt - since);
  }

  /** Asks the server for a state; resolves its answer, or null when refused (see `error`). */
  async send(socket: KefuSocket | null, cmd: SetAgentStateCommand): Promise<AgentStatusView | null> {
    this.error = null;
    if (!socket) {
      this.error = new ApiError(0, 'NETWORK', 'Not connected');
      return null;
    }
    this.busy = true;
    try {
      return await command<AgentStatusView>((done) => socket.emit('agent:set-state', cmd, done));
    } catch (e) {
      this.error = e;
      return null;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.status = null;
    this.error = null;
  }
}
