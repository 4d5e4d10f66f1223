// The screen-pop of the call on screen when the server did not push one (an INVITE nobody
// offered over the socket, a dialled number), the customer the agent picked among several on
// the number, and the names of the callers seen (to name them in today's calls).
import type { ScreenPop } from '@kefu/contract';
import { ApiError } from '../shared/api.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';

export interface CallPopContext {
  socket(): KefuSocket | null;
  /** The interaction of the call on screen, which the customer choice goes to. */
  interactionId(): number | null;
  /** The pop of the chosen customer; true when it replaced the pop of the server's call on screen. */
  chosen(interactionId: number, pop: ScreenPop): boolean;
}

export class CallPop {
  /** A screen-pop asked for by this page. */
  lookupPop = $state.raw<ScreenPop | null>(null);
  lookupStatus = $state<'idle' | 'loading' | 'error'>('idle');
  lookupError = $state.raw<unknown>(null);
  /** The customer the agent picked among several on the number (remembered on the interaction too). */
  chosenCustomerId = $state<number | null>(null);
  choosing = $state(false);
  chooseError = $state.raw<unknown>(null);
  /** Customer id → name, from the pops seen, to name callers in today's calls. */
  customerNames = $state.raw<ReadonlyMap<number, string>>(new Map());

  readonly #ctx: CallPopContext;
  /** Bumped for each look-up and each new call: a late answer for an earlier one is dropped. */
  #seq = 0;

  constructor(ctx: CallPopContext) {
    this.#ctx = ctx;
  }

  /** A different call is on screen: forget the choices made for the previous one. */
  forget(): void {
    this.lookupPop = null;
    this.lookupStatus = 'idle';
    this.lookupError = null;
    this.chosenCustomerId = null;
    this.chooseError = null;
    this.#seq++;
  }

  /** Asks the server who is on this number; `stale` when another call or look-up came meanwhile. */
  async lookup(socket: KefuSocket, callerNumber: string): Promise<'found' | 'failed' | 'stale'> {
    const seq = ++this.#seq;
    this.lookupStatus = 'loading';
    this.lookupError = null;
    try {
      const pop = await command<ScreenPop>((done) => socket.emit('screenpop:lookup', { callerNumber }, done));
      if (seq !== this.#seq) return 'stale';
      this.lookupPop = pop;
      this.lookupStatus = 'idle';
      this.remember(pop);
      return 'found';
    } catch (e) {
      if (seq !== this.#seq) return 'stale';
      this.lookupStatus = 'error';
      this.lookupError = e;
      return 'failed';
    }
  }

  /** Ties the call's interaction to this customer; the server answers the new pop. */
  async chooseCustomer(customerId: number): Promise<boolean> {
    const socket = this.#ctx.socket();
    const interactionId = this.#ctx.interactionId();
    if (!socket || interactionId === null) {
      this.chooseError = new ApiError(0, 'NETWORK', 'Not connected');
      return false;
    }
    this.choosing = true;
    this.chooseError = null;
    try {
      const pop = await command<ScreenPop>((done) => socket.emit('call:choose-customer', { interactionId, customerId }, done));
      this.chosenCustomerId = customerId;
      if (!this.#ctx.chosen(interactionId, pop)) this.lookupPop = pop;
      this.remember(pop);
      return true;
    } catch (e) {
      this.chooseError = e;
      return false;
    } finally {
      this.choosing = false;
    }
  }

  remember(pop: ScreenPop): void {
    if (!pop.matches.length && !pop.primary) return;
    const names = new Map(this.customerNames);
    for (const m of pop.matches) names.set(m.id, m.name);
    if (pop.primary) names.set(pop.primary.customer.id, pop.primary.customer.name);
    this.customerNames = names;
  }

  /** The caller's name when the pop says who it is (the one customer, or the one chosen), else null. */
  callerName(pop: ScreenPop | null): string | null {
    const primary = pop?.primary;
    if (!pop || !primary) return null;
    if (pop.matches.length <= 1 || this.chosenCustomerId === primary.customer.id) return primary.customer.name;
    return null;
  }

  reset(): void {
    this.lookupPop = null;
    this.lookupStatus = 'idle';
    this.chosenCustomerId = null;
    this.chooseError = null;
    this.customerNames = new Map();
  }
}
