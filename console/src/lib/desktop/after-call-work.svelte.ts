// After-call work: entering wrap-up prepares the form (and finds the call after a reload),
// finishing sends the disposition and the notes with Ready or Not ready, and leaving it without
// the agent tells that the queue's wrap-up time ran out.
import type { AgentStatusView, WrapUpCommand } from '@kefu/contract';
import { ApiError } from '../shared/api.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import type { CallNotes } from './call-notes.svelte.js';
import type { TodayCalls } from './today-calls.svelte.js';
import { WrapUp } from './wrap-up.svelte.js';

export type FinishThen = WrapUpCommand['then'];

export interface AfterCallContext {
  socket(): KefuSocket | null;
  /** The agent is in wrap-up. */
  wrapping(): boolean;
  /** The call on screen, whose wrap-up this is. */
  interactionId(): number | null;
  notReadyReason(): WrapUpCommand['reason'];
  notes: CallNotes;
  today: TodayCalls;
  /** The call on screen may have changed: the notes follow it. */
  retarget(): void;
  /** The agent asked to be Ready: a phone that is down is started again. */
  readyWithPhone(): void;
  /** A new attempt: the last refusal of a state change is no longer news. */
  clearStateError(): void;
  /** The server's answer to the wrap-up: the agent's new state. */
  applyStatus(status: AgentStatusView): void;
}

export class AfterCallWork {
  /** The wrap-up form of the call that just ended. */
  readonly form = new WrapUp();
  /** Set when the wrap-up time ran out before the agent finished it, until the next call. */
  expired = $state(false);
  /** A call in wrap-up this page knows nothing of (a reload), found in today's calls. */
  orphan = $state<number | null>(null);

  readonly #ctx: AfterCallContext;
  #finishing = false;

  constructor(ctx: AfterCallContext) {
    this.#ctx = ctx;
  }

  /** The call the form finishes, or null outside wrap-up (or while it is looked up). */
  get target(): number | null {
    return this.#ctx.wrapping() ? this.#ctx.interactionId() : null;
  }

  /** Ready or Not ready now finishes the wrap-up: a disposition is chosen for the call. */
  get canFinishWithState(): boolean {
    const target = this.target;
    return target !== null && this.form.interactionId === target && this.form.disposition !== '';
  }

  /** The agent's state became wrap-up. */
  entered(): void {
    this.expired = false;
    void this.#ctx.today.load().then(() => {
      if (!this.#ctx.wrapping()) return;
      // After a reload the page may not know which call is being wrapped up: the agent's
      // newest ended call without a disposition is.
      if (this.#ctx.interactionId() === null) {
        const orphan = this.#ctx.today.undisposed();
        if (orphan) {
          this.orphan = orphan.id;
          this.#ctx.retarget();
        }
      }
      const id = this.#ctx.interactionId();
      this.#ctx.notes.prefill(id, this.#ctx.today.items.find((i) => i.id === id)?.notes);
    });
  }

  /** The agent's state left wrap-up for `next`. */
  left(next: AgentStatusView['state']): void {
    // Left without the agent finishing it: the queue's wrap-up time ran out.
    if (!this.#finishing && next === 'ready') this.expired = true;
    this.form.reset();
    this.orphan = null;
  }

  /** The server refused a state change because the call has no disposition yet: lead the agent to the form. */
  askForDisposition(): void {
    this.form.target(this.target);
    this.form.askForDisposition();
  }

  /**
   * Finishes after-call work: the disposition (required), the notes, then Ready or Not ready
   * with the chosen reason. Without a disposition the agent is asked for one.
   */
  async finish(then: FinishThen): Promise<boolean> {
    const socket = this.#ctx.socket();
    const form = this.form;
    const interactionId = this.target;
    if (interactionId === null || form.busy) return false;
    if (form.interactionId !== interactionId || !form.disposition) {
      form.target(interactionId);
      form.askForDisposition();
      return false;
    }
    form.error = null;
    this.#ctx.clearStateError();
    if (!socket) {
      form.error = new ApiError(0, 'NETWORK', 'Not connected');
      return false;
    }
    if (then === 'ready') this.#ctx.readyWithPhone();
    const cmd: WrapUpCommand = { interactionId, disposition: form.disposition, then, reason: this.#ctx.notReadyReason() };
    // The notes go with the wrap-up; untouched notes are left as the server has them.
    const notes = this.#ctx.notes.touchedFor(interactionId);
    if (notes !== undefined) cmd.notes = notes;
    form.busy = true;
    this.#finishing = true;
    try {
      const status = await command<AgentStatusView>((done) => socket.emit('call:wrap-up', cmd, done));
      if (notes !== undefined) this.#ctx.notes.savedWith(interactionId, notes);
      this.#ctx.applyStatus(status);
      this.#ctx.today.reloadSoon();
      return true;
    } catch (e) {
      form.error = e;
      return false;
    } finally {
      form.busy = false;
      this.#finishing = false;
    }
  }

  reset(): void {
    this.form.reset();
    this.expired = false;
    this.orphan = null;
  }
}
