// The public web phone: a caller's phone in the browser, registered as a caller number. It
// calls the hotline or a queue and stays registered, so agents' outbound calls reach it.
// The model of a click-to-call widget: no sign-in, one SIP account per number (demo mode).
import type { CallInfo, RegistrationState, Softphone } from '@kefu/softphone';
import { api } from '../shared/api.js';
import { PhoneLifecycle } from './phone-lifecycle.js';

export interface DemoCaller {
  /** Stable value of the option. */
  id: string;
  /** A customer's name, or null for the "new caller" entry (named by a message). */
  name: string | null;
  number: string;
}

/** The demo data's customers (server/src/seed/demo-seed.ts), and a number nobody has. */
export const DEMO_CALLERS: readonly DemoCaller[] = [
  { id: 'zhangwei', name: '张伟', number: '+86 138 0013 8000' },
  { id: 'emily', name: 'Emily Chan', number: '+852 9123 4567' },
  { id: 'liuyang', name: '刘洋', number: '+86 139 1234 5678' },
  { id: 'david', name: 'David Miller', number: '+1 212 555 0142' },
  { id: 'new', name: null, number: '+86 186 0000 0000' },
];

/** The hotline number of the demo (it rings the `support` queue). */
export const HOTLINE = '4008001234';

export class WebPhone {
  callerNumber = $state(DEMO_CALLERS[0]!.number);
  target = $state(HOTLINE);
  registration = $state<RegistrationState>('disconnected');
  /** The number the switch registered us as (the user part of our SIP URI). */
  registeredAs = $state<string | null>(null);
  call = $state.raw<CallInfo | null>(null);
  /** The call that ended last, shown until the next one. */
  lastCall = $state.raw<CallInfo | null>(null);
  connecting = $state(false);
  /** Why connecting failed (no account for the number, server down). */
  connectError = $state.raw<unknown>(null);
  /** The last call action that failed. */
  actionError = $state.raw<unknown>(null);
  /** The last text the call center sent during the call (the satisfaction question). */
  message = $state<string | null>(null);

  /** The number the next account is asked for. */
  #number = '';
  readonly #life = new PhoneLifecycle({
    credentials: () => api.webPhoneCredentials(this.#number),
    listener: {
      registration: (state) => (this.registration = state),
      callState: (call) => this.#onCall(call),
      muteChanged: (call) => this.#update(call),
      // 182 Queued then 180 Ringing leave the state at ringing-out; only this event tells.
      progress: (call) => this.#update(call),
      message: (call, text) => {
        if (this.call?.id === call.id) this.message = text;
      },
      dropped: () => (this.call = null),
    },
  });
  #generation = 0;

  get registered(): boolean {
    return this.registration === 'registered';
  }

  get ringing(): boolean {
    return this.call?.state === 'incoming';
  }

  /**
   * Registers as the caller number (again, if the number changed). Resolves true once
   * registered; `connecting` covers only getting the SIP account, so a phone stuck
   * reconnecting can be connected afresh.
   */
  async connect(): Promise<boolean> {
    const number = this.callerNumber.trim();
    if (!number || this.call) return false;
    const generation = ++this.#generation;
    this.connecting = true;
    this.connectError = null;
    this.actionError = null;
    this.#number = number;
    let phone: Softphone;
    try {
      const opened = await this.#life.open();
      if (!opened || generation !== this.#generation) return false;
      phone = opened.phone;
      this.registeredAs = userPart(opened.credentials.uri);
      this.registration = phone.registrationState;
    } catch (e) {
      if (generation === this.#generation) this.connectError = e;
      return false;
    } finally {
      if (generation === this.#generation) this.connecting = false;
    }
    try {
      await phone.start();
      return generation === this.#generation;
    } catch (e) {
      if (generation === this.#generation) this.connectError = e;
      return false;
    }
  }

  async disconnect(): Promise<void> {
    this.#generation++;
    this.connecting = false;
    await this.#life.close();
    this.registration = 'disconnected';
    this.registeredAs = null;
  }

  /** Calls the target; connects first when needed. */
  async dial(): Promise<void> {
    const target = this.target.trim();
    if (!target || this.call) return;
    if (!this.registered && !(await this.connect())) return;
    this.lastCall = null;
    await this.#act(async (p) => {
      const info = await p.dial(target);
      if (!this.call || this.call.id === info.id) this.call = info;
    });
  }

  answer(): Promise<void> {
    if (!this.ringing) return Promise.resolve();
    return this.#act((p) => p.answer());
  }

  hangup(): Promise<void> {
    if (!this.call) return Promise.resolve();
    return this.#act((p) => p.hangup());
  }

  sendDtmf(digit: string): Promise<void> {
    if (this.call?.state !== 'active') return Promise.resolve();
    // SIP INFO, so the switch itself hears the digit (a satisfaction score); RFC 4733 digits
    // travel in the media, which the switch never touches.
    return this.#act((p) => p.sendDtmf(digit, { method: 'info' }));
  }

  /** Leaving the page: hang up and unregister. */
  async dispose(): Promise<void> {
    this.#generation++;
    await this.#life.close();
  }

  async #act(action: (phone: Softphone) => Promise<void> | void): Promise<void> {
    this.actionError = null;
    this.actionError = await this.#life.attempt(action);
  }

  #onCall(call: CallInfo): void {
    if (call.state === 'ended') {
      if (this.call && this.call.id !== call.id) return;
      this.call = null;
      this.lastCall = call;
      return;
    }
    if (call.state === 'incoming' || call.state === 'dialing') {
      this.lastCall = null;
      this.message = null;
    }
    this.call = call;
  }

  #update(call: CallInfo): void {
    if (this.call?.id === call.id) this.call = call;
  }
}

function userPart(uri: string): string {
  const m = /^sips?:([^@;]+)@/i.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1]) : uri;
}
