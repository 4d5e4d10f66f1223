// A consult (attended) transfer from the agent's desk. The server picks the colleague and keeps
// the consult's rules; the web phone holds the caller and dials the consult line, and swaps
// between the two lines. This asks the server first, then moves the phone, and reports.
import type { ConsultParty, ConsultView, TransferResult } from '@kefu/contract';
import type { CallInfo, Softphone } from '@kefu/softphone';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';

/** Runs a phone action; resolves with what it threw, or null. */
export type PhoneAction = (action: (phone: Softphone) => Promise<unknown>) => Promise<unknown>;

export class CallConsult {
  /** The consult under way, as the server last told it; null when there is none. */
  view = $state.raw<ConsultView | null>(null);
  busy = $state(false);
  error = $state<unknown>(null);
  /** The last consult handed over, for the status line. */
  done = $state.raw<TransferResult | null>(null);

  /** "Consult": the server picks the colleague, then the phone holds the caller and dials them. */
  async start(socket: KefuSocket | null, phone: PhoneAction, to: string, reason: string, beforehand: () => Promise<unknown>): Promise<boolean> {
    if (!socket || this.busy || this.view) return false;
    return this.#run(async () => {
      // The notes typed so far travel with the call: they must be saved first.
      await beforehand();
      const trimmed = reason.trim();
      const view = await command<ConsultView>((done) => socket.emit('call:consult', { to, ...(trimmed ? { reason: trimmed } : {}) }, done));
      this.done = null;
      this.view = view;
      const failed = await phone((p) => p.consult(view.dial, view.callId));
      if (failed) {
        // The colleague was set aside for us: let them go again.
        await this.#quietCancel(socket);
        throw failed;
      }
    });
  }

  /** "Complete transfer": the caller is joined to the colleague; this agent's part ends. */
  complete(socket: KefuSocket | null): Promise<boolean> {
    if (!socket || !this.view) return Promise.resolve(false);
    return this.#run(async () => {
      this.done = await command<TransferResult>((done) => socket.emit('call:consult-complete', {}, done));
      this.view = null;
    });
  }

  /** "Cancel consult": the colleague's line ends; the phone takes the caller off hold. */
  cancel(socket: KefuSocket | null): Promise<boolean> {
    if (!socket || !this.view) return Promise.resolve(false);
    return this.#run(async () => {
      await command((done) => socket.emit('call:consult-cancel', {}, done));
      this.view = null;
    });
  }

  /** "Swap": talks to the other party; the phone holds the one just left. */
  swap(socket: KefuSocket | null, phone: PhoneAction): Promise<boolean> {
    const view = this.view;
    if (!socket || !view) return Promise.resolve(false);
    const party: ConsultParty = view.talkingTo === 'consulted' ? 'caller' : 'consulted';
    return this.#run(async () => {
      this.view = await command<ConsultView>((done) => socket.emit('call:consult-swap', { talkTo: party }, done));
      const failed = await phone((p) => p.talkTo(party));
      if (failed) throw failed;
    });
  }

  /**
   * The phone's consult line changed. Once it has ended (cancelled, the colleague hung up or
   * refused, handed over) the consult is over here, and the server is told in case it did not end
   * it itself (a refusal it does not know of is answered "no consult", which changes nothing).
   */
  lineChanged(call: CallInfo, socket: KefuSocket | null): void {
    if (call.state !== 'ended' || !this.view) return;
    this.view = null;
    if (socket) void this.#quietCancel(socket);
  }

  /** The call is gone from the desk (ended, or another console took over): nothing to show. */
  reset(): void {
    this.view = null;
    this.error = null;
    this.busy = false;
  }

  async #quietCancel(socket: KefuSocket): Promise<void> {
    this.view = null;
    await command((done) => socket.emit('call:consult-cancel', {}, done)).catch(() => {});
  }

  async #run(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** One per console: the desk's controls and the shortcuts share it. */
export const callConsult = new CallConsult();
