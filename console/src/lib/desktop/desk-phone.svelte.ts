// The agent's softphone on the desk: kept registered from sign-in to sign-out (a fresh SIP
// account after a refusal or a server restart), and the call controls. What the phone reports
// about calls goes to the desk, which matches it with the server's picture.
import type { CallInfo, HoldAction, RegistrationState, Softphone } from '@kefu/softphone';
import { api, isApiError } from '../shared/api.js';
import { closeCallNotification } from '../shared/desktop-notification.js';
import { PhoneLifecycle, type PhoneListener } from '../phone/phone-lifecycle.js';
import type { CallPicture } from './call-reconciliation.js';

const PHONE_RETRY_MIN_MS = 2_000;
const PHONE_RETRY_MAX_MS = 60_000;

export interface DeskPhoneContext {
  picture(): CallPicture;
  running(): boolean;
  /** The call events, for the desk to reconcile. */
  calls: Required<Pick<PhoneListener, 'callState' | 'incoming' | 'muteChanged'>>;
  /** The consult line changed state (it ended when `call.state` is `ended`). */
  consultChanged?(call: CallInfo): void;
}

export class DeskPhone {
  registration = $state<RegistrationState>('disconnected');
  /** Why the phone is offline (no SIP account, registration refused). */
  problem = $state.raw<unknown>(null);
  /** The last call action that failed (answer, hold, dial…). */
  actionError = $state.raw<unknown>(null);
  holdBusy = $state(false);
  /** The far end refused the last hold or resume; the call went on as it was. */
  holdFailure = $state<HoldAction | null>(null);
  /** The consult line while the agent consults a colleague (null otherwise). */
  consultCall = $state.raw<CallInfo | null>(null);

  readonly #ctx: DeskPhoneContext;
  readonly #life: PhoneLifecycle;

  constructor(ctx: DeskPhoneContext) {
    this.#ctx = ctx;
    this.#life = new PhoneLifecycle({
      credentials: () => api.softphoneCredentials(),
      problem: (e) => (this.problem = e),
      retry: {
        minMs: PHONE_RETRY_MIN_MS,
        maxMs: PHONE_RETRY_MAX_MS,
        allowed: () => !this.#sip,
        // Not allowed a phone at all: retrying will not change that.
        final: (e) => isApiError(e) && (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED'),
      },
      listener: {
        registration: (state, error) => {
          this.registration = state;
          if (state === 'registered') this.problem = null;
          else if (state === 'failed') this.problem = error ?? null;
        },
        ...ctx.calls,
        consultState: (call) => {
          this.consultCall = call.state === 'ended' ? null : call;
          ctx.consultChanged?.(call);
        },
        dropped: () => (this.consultCall = null),
        holdFailed: (call, action) => {
          // A refusal that ended the call (481, 408) is told by the call ending.
          if (call.state !== 'ended') this.holdFailure = action;
        },
      },
    });
  }

  get #sip() {
    return this.#ctx.picture().softphoneCall;
  }

  get ringing(): boolean {
    return this.#sip?.state === 'incoming';
  }

  /** A SIP call is up or being set up in this browser. */
  get inCall(): boolean {
    const sip = this.#sip;
    return sip !== null && sip.state !== 'incoming';
  }

  get held(): boolean {
    return this.#sip?.state === 'held';
  }

  get muted(): boolean {
    return this.#sip?.muted ?? false;
  }

  get canHold(): boolean {
    const s = this.#sip?.state;
    return !this.holdBusy && (s === 'active' || s === 'held');
  }

  get canMute(): boolean {
    const s = this.#sip?.state;
    return s === 'active' || s === 'held';
  }

  /** At sign-in. */
  start(): void {
    void this.#life.start();
  }

  /** Gets a fresh SIP account and starts a new softphone (not during a call). */
  restart(): void {
    if (!this.#ctx.running() || this.#life.opening || this.#sip) return;
    void this.#life.start();
  }

  /** Going Ready with the phone down: try it again first. */
  restartIfDown(): void {
    if (this.registration === 'failed' || this.registration === 'disconnected') this.restart();
  }

  /** At sign-out: hangs up and unregisters. */
  close(): Promise<void> {
    return this.#life.close();
  }

  /** The SIP call ended: its hold troubles end with it. */
  callEnded(): void {
    this.holdBusy = false;
    this.holdFailure = null;
  }

  async act(action: (phone: Softphone) => Promise<void> | void): Promise<void> {
    this.actionError = null;
    this.actionError = await this.#life.attempt(action);
  }

  /** Runs a phone action for a flow that reports its own failure: resolves with what it threw, or null. */
  attempt(action: (phone: Softphone) => Promise<unknown>): Promise<unknown> {
    return this.#life.attempt(async (p) => {
      await action(p);
    });
  }

  answer(): Promise<void> {
    if (!this.ringing) return Promise.resolve();
    closeCallNotification();
    return this.act((p) => p.answer());
  }

  reject(): Promise<void> {
    if (!this.ringing) return Promise.resolve();
    closeCallNotification();
    return this.act((p) => p.reject());
  }

  hangup(): Promise<void> {
    if (!this.#sip) return Promise.resolve();
    return this.act((p) => p.hangup());
  }

  /** Alt+X: reject while ringing, hang up otherwise. */
  hangupOrReject(): Promise<void> {
    return this.ringing ? this.reject() : this.hangup();
  }

  async toggleHold(): Promise<void> {
    if (!this.canHold) return;
    const resume = this.held;
    this.holdBusy = true;
    this.holdFailure = null;
    try {
      await this.act((p) => (resume ? p.resume() : p.hold()));
      // A refusal is told calmly as a status (the call goes on), not as a failed action.
      if (this.holdFailure) this.actionError = null;
    } finally {
      this.holdBusy = false;
    }
  }

  toggleMute(): Promise<void> {
    if (!this.canMute) return Promise.resolve();
    const muted = this.muted;
    return this.act((p) => (muted ? p.unmute() : p.mute()));
  }

  sendDtmf(digit: string): Promise<void> {
    if (this.#sip?.state !== 'active') return Promise.resolve();
    return this.act((p) => p.sendDtmf(digit));
  }

  reset(): void {
    this.registration = 'disconnected';
    this.problem = null;
    this.actionError = null;
    this.holdFailure = null;
  }
}
