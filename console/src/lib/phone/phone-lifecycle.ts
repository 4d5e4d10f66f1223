// The life of a browser softphone, shared by the agent desktop and the public web phone: get a
// SIP account, load sip.js, replace the previous phone, wire its events, retry when the account
// is refused, and tear it all down. Events of a phone that has since been replaced are dropped,
// so a late event from an old phone never touches the page.
import type { SipCredentialsView } from '@kefu/contract';
import type { CallInfo, HoldAction, RegistrationState, Softphone, SoftphoneError } from '@kefu/softphone';

/** What the page hears from the current phone. Every handler but `registration` is optional. */
export interface PhoneListener {
  registration(state: RegistrationState, error: SoftphoneError | undefined): void;
  callState?(call: CallInfo): void;
  incoming?(call: CallInfo): void;
  muteChanged?(call: CallInfo): void;
  holdFailed?(call: CallInfo, action: HoldAction): void;
  /** Outbound provisional responses (182 Queued, 180 Ringing): the state alone does not tell them apart. */
  progress?(call: CallInfo): void;
  message?(call: CallInfo, text: string): void;
  /** The consult line (the agent's second call during an attended transfer) changed state. */
  consultState?(call: CallInfo): void;
  /** The phone is being disposed of (replaced or closed): its call, if any, is gone. */
  dropped?(): void;
}

export interface RetryPolicy {
  minMs: number;
  maxMs: number;
  /** Asked when a retry is due: a phone busy with a call is left alone. */
  allowed(): boolean;
  /** The account could not be had; the retry is scheduled unless this says it is final. */
  final(error: unknown): boolean;
}

export interface PhoneLifecycleOptions {
  credentials(): Promise<SipCredentialsView>;
  listener: PhoneListener;
  /** Without a policy a failure is left to the page (the web phone's caller connects again by hand). */
  retry?: RetryPolicy;
  /** Builds the phone; by default sip.js is loaded on first use, not with the console. */
  create?: Create;
  /** A failure to get the account or start the phone, for the page to show. */
  problem?(error: unknown): void;
}

/** The retry delay after `attempts` failures in a row: doubling from min, capped at max. */
export function retryDelay(attempts: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(attempts, 5));
}

type Create = (credentials: SipCredentialsView) => Softphone | Promise<Softphone>;

async function loadFactory(): Promise<Create> {
  // sip.js is loaded here, not with the console: only the pages with a phone need it.
  const { createSoftphone } = await import('./phone-factory.js');
  return createSoftphone;
}

export interface Opened {
  phone: Softphone;
  credentials: SipCredentialsView;
}

export class PhoneLifecycle {
  readonly #options: PhoneLifecycleOptions;
  #phone: Softphone | null = null;
  #opening = false;
  #attempts = 0;
  #retry: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every open and close: work begun for an earlier phone is dropped. */
  #generation = 0;

  constructor(options: PhoneLifecycleOptions) {
    this.#options = options;
  }

  get phone(): Softphone | null {
    return this.#phone;
  }

  /** Getting the account or building the phone is under way. */
  /**
   * Runs a call action on the phone (answer, hold, DTMF...). Resolves with what it threw, for
   * the page to show, or null; with no phone there is nothing to do.
   */
  async attempt(action: (phone: Softphone) => Promise<void> | void): Promise<unknown> {
    const phone = this.phone;
    if (!phone) return null;
    try {
      await action(phone);
      return null;
    } catch (e) {
      return e;
    }
  }

  get opening(): boolean {
    return this.#opening;
  }

  /**
   * Replaces the phone with a fresh one on a new account and wires it; the caller starts it.
   * Resolves null when closed or opened again meanwhile; throws when the account cannot be had.
   */
  async open(): Promise<Opened | null> {
    const generation = ++this.#generation;
    this.#clearRetry();
    this.#opening = true;
    try {
      const given = this.#options.create;
      const [create, credentials] = await Promise.all([given ? Promise.resolve(given) : loadFactory(), this.#options.credentials()]);
      if (generation !== this.#generation) return null;
      await this.#drop();
      if (generation !== this.#generation) return null;
      const phone = await create(credentials);
      if (generation !== this.#generation) {
        await phone.dispose().catch(() => {});
        return null;
      }
      this.#wire(phone);
      this.#phone = phone;
      return { phone, credentials };
    } finally {
      if (generation === this.#generation) this.#opening = false;
    }
  }

  /**
   * Opens and starts a phone, reporting a failure and retrying it by the policy. Registration
   * progress and refusals arrive as `registration` events. Does nothing while one is opening.
   */
  async start(): Promise<void> {
    if (this.#opening) return;
    const generation = this.#generation + 1;
    try {
      const opened = await this.open();
      if (!opened) return;
      this.#options.listener.registration(opened.phone.registrationState, undefined);
      void opened.phone.start().catch(() => {});
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#options.problem?.(e);
      if (this.#options.retry && !this.#options.retry.final(e)) this.#scheduleRetry();
    }
  }

  /** Hangs up, unregisters and forgets the phone; pending retries and opens are dropped. */
  async close(): Promise<void> {
    this.#generation++;
    this.#opening = false;
    this.#attempts = 0;
    this.#clearRetry();
    await this.#drop();
  }

  #scheduleRetry(): void {
    const retry = this.#options.retry;
    if (!retry) return;
    this.#clearRetry();
    const generation = this.#generation;
    const delay = retryDelay(this.#attempts, retry.minMs, retry.maxMs);
    this.#attempts++;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (generation === this.#generation && retry.allowed()) void this.start();
    }, delay);
  }

  #clearRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  async #drop(): Promise<void> {
    const phone = this.#phone;
    this.#phone = null;
    if (!phone) return;
    this.#options.listener.dropped?.();
    await phone.dispose().catch(() => {});
  }

  #wire(phone: Softphone): void {
    const l = this.#options.listener;
    const current = () => this.#phone === phone;
    phone.on('registration:state-changed', ({ state, error }) => {
      if (!current()) return;
      if (state === 'registered') this.#attempts = 0;
      l.registration(state, error);
      // Refused credentials (e.g. the server restarted and issued new ones): fetch again.
      if (state === 'failed') this.#scheduleRetry();
    });
    phone.on('call:state-changed', ({ call }) => {
      if (current()) l.callState?.(call);
    });
    phone.on('call:incoming', ({ call }) => {
      if (current()) l.incoming?.(call);
    });
    phone.on('call:mute-changed', ({ call }) => {
      if (current()) l.muteChanged?.(call);
    });
    phone.on('call:hold-failed', ({ call, action }) => {
      if (current()) l.holdFailed?.(call, action);
    });
    phone.on('call:progress', ({ call }) => {
      if (current()) l.progress?.(call);
    });
    phone.on('call:message', ({ call, text }) => {
      if (current()) l.message?.(call, text);
    });
    phone.on('consult:state-changed', ({ call }) => {
      if (current()) l.consultState?.(call);
    });
  }
}
