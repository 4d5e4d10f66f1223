import { Registerer, RegistererState, UserAgent, Web } from 'sip.js';
import type { Invitation, UserAgentOptions } from 'sip.js';
import { backoffDelay } from './backoff.js';
import type { SoftphoneConfig } from './config.js';
import { describeError, sipLogConnector, type SoftphoneLogger } from './logger.js';
import type { MediaEngine } from './media-engine.js';
import {
  registrationMachine,
  type RegistrationEvent,
  type RegistrationState,
} from './registration-state.js';
import { SoftphoneError } from './softphone-error.js';

/** The sip.js transport class and its options; the WebSocket transport unless a test swaps it. */
export interface TransportBinding {
  readonly transportConstructor: NonNullable<UserAgentOptions['transportConstructor']>;
  readonly transportOptions: unknown;
}

export type RetryReason = 'transport' | 'registration';

export interface ConnectionObserver {
  stateChanged(state: RegistrationState, previous: RegistrationState, error: SoftphoneError | undefined): void;
  retryScheduled(attempt: number, delayMs: number, reason: RetryReason): void;
  invite(invitation: Invitation): void;
}

export interface ConnectionContext {
  readonly config: SoftphoneConfig;
  readonly media: MediaEngine;
  readonly logger: SoftphoneLogger;
  readonly observer: ConnectionObserver;
  readonly transport: TransportBinding | undefined;
  readonly random: () => number;
}

// Refusals that retrying cannot fix. sip.js has already answered one 401/407 challenge with
// the credentials by the time a 401/407 reaches us, so those mean wrong credentials.
const PERMANENT_REFUSALS = new Set([401, 403, 404, 407]);

/**
 * The user agent, its WebSocket and its registration. It owns reconnecting: sip.js leaves
 * recovery to the application (its own reconnection options are deprecated), so on a drop we
 * retry the socket with backoff and register again with a fresh Registerer once it is back.
 */
export class Connection {
  private state: RegistrationState = 'disconnected';
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /** Bumped by start/stop so callbacks from a user agent we let go of are ignored. */
  private generation = 0;
  private firstRegistration: { resolve: () => void; reject: (error: SoftphoneError) => void } | undefined;

  constructor(private readonly ctx: ConnectionContext) {}

  get registrationState(): RegistrationState {
    return this.state;
  }

  /** The user agent, while started; calls are made through it. */
  get userAgent(): UserAgent | undefined {
    return this.ua;
  }

  /** Resolves when first registered; rejects if the registrar refuses us or stop() comes first. */
  start(): Promise<void> {
    this.apply('start');
    const generation = ++this.generation;
    const ua = new UserAgent(this.userAgentOptions(generation));
    this.ua = ua;
    this.attempt = 0;
    const registered = new Promise<void>((resolve, reject) => {
      this.firstRegistration = { resolve, reject };
    });
    ua.start().catch((error: unknown) => this.whenCurrent(generation, () => this.onConnectFailed(error)));
    return registered;
  }

  /** Unregisters and disconnects; the ongoing session is ended by sip.js (BYE). */
  async stop(): Promise<void> {
    this.generation++;
    this.clearRetry();
    this.apply('stop');
    this.settleFirstRegistration(new SoftphoneError('STOPPED', 'The softphone was stopped before it registered'));
    const ua = this.ua;
    this.ua = undefined;
    this.registerer = undefined;
    if (ua) {
      // A dead socket makes each pending request fail fast, so this does not hang on an outage.
      await ua.stop().catch((error: unknown) => this.log('warn', 'Stopping the user agent failed', error));
    }
  }

  private userAgentOptions(generation: number): Partial<UserAgentOptions> {
    const { config } = this.ctx;
    return {
      uri: UserAgent.makeURI(config.uri),
      authorizationUsername: config.authorizationUsername,
      authorizationPassword: config.authorizationPassword,
      displayName: config.displayName,
      userAgentString: config.userAgentString,
      noAnswerTimeout: config.noAnswerTimeoutSeconds,
      transportConstructor: this.ctx.transport?.transportConstructor ?? Web.Transport,
      transportOptions: this.ctx.transport?.transportOptions ?? { server: config.wsServer },
      sessionDescriptionHandlerFactory: this.ctx.media.sessionDescriptionHandlerFactory,
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: config.iceGatheringTimeoutMs,
        peerConnectionConfiguration: { iceServers: config.iceServers.map((s) => ({ ...s })) },
      },
      // reconnectionAttempts is left at its default, 0: we reconnect ourselves (below), and
      // sip.js's deprecated built-in attempts would race with ours.
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: config.sipLogLevel,
      logConnector: sipLogConnector(this.ctx.logger),
      delegate: {
        onConnect: () => this.whenCurrent(generation, () => this.onConnected()),
        onDisconnect: (error?: Error) => this.whenCurrent(generation, () => this.onDisconnected(error)),
        onInvite: (invitation) => this.whenCurrent(generation, () => this.ctx.observer.invite(invitation)),
      },
    };
  }

  private onConnected(): void {
    if (!this.applyFromNetwork('transport-connected')) return;
    this.clearRetry();
    this.attempt = 0;
    this.register();
  }

  private onDisconnected(error: Error | undefined): void {
    // Without an error the disconnect was ours (stop), and stop has already moved the state.
    if (!error) return;
    this.log('warn', 'Connection to the SIP server lost', error);
    this.dropRegisterer();
    if (this.applyFromNetwork('transport-lost')) this.scheduleRetry('transport');
  }

  private onConnectFailed(error: unknown): void {
    this.log('warn', 'Could not connect to the SIP server', error);
    if (this.applyFromNetwork('transport-failed')) this.scheduleRetry('transport');
  }

  private register(): void {
    const ua = this.ua;
    if (!ua) return;
    const generation = this.generation;
    let registerer = this.registerer;
    if (!registerer) {
      const fresh = new Registerer(ua, { expires: this.ctx.config.registerExpiresSeconds, logConfiguration: false });
      fresh.stateChange.addListener((state) => this.whenCurrent(generation, () => this.onRegistererState(fresh, state)));
      this.registerer = registerer = fresh;
    }
    registerer
      .register({
        requestDelegate: {
          onReject: (response) =>
            this.whenCurrent(generation, () => this.onRegisterRefused(response.message.statusCode ?? 0, response.message.reasonPhrase)),
        },
      })
      .catch((error: unknown) => this.whenCurrent(generation, () => this.onRegisterError(error)));
  }

  private onRegistererState(registerer: Registerer, state: RegistererState): void {
    if (registerer !== this.registerer) return;
    if (state === RegistererState.Registered && this.state === 'registering') {
      this.attempt = 0;
      this.apply('registered');
      this.settleFirstRegistration();
    } else if (state === RegistererState.Unregistered && this.state === 'registered') {
      // A refresh was refused or timed out: the registrar no longer routes calls to us.
      this.apply('registration-lost');
      this.scheduleRetry('registration');
    }
  }

  private onRegisterRefused(statusCode: number, reasonPhrase: string | undefined): void {
    if (this.state !== 'registering') return;
    if (!PERMANENT_REFUSALS.has(statusCode)) {
      this.log('warn', `REGISTER refused with ${statusCode} ${reasonPhrase ?? ''}; will retry`);
      this.apply('register-failed');
      this.scheduleRetry('registration');
      return;
    }
    const error = new SoftphoneError(
      'REGISTRATION_REJECTED',
      `The SIP server refused the registration: ${statusCode} ${reasonPhrase ?? ''}`.trim(),
      { statusCode },
    );
    this.apply('register-rejected', error);
    this.settleFirstRegistration(error);
    // Nothing will change by itself, so let go of the socket until start() is called again.
    const ua = this.ua;
    this.generation++;
    this.ua = undefined;
    this.registerer = undefined;
    void ua?.stop().catch(() => {});
  }

  private onRegisterError(error: unknown): void {
    // register() throws only when a REGISTER is already pending; the pending one will report.
    this.log('warn', 'REGISTER could not be sent', error);
  }

  private scheduleRetry(reason: RetryReason): void {
    this.clearRetry();
    this.attempt += 1;
    const delayMs = backoffDelay(this.attempt, this.ctx.config.reconnect, this.ctx.random);
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.whenCurrent(generation, () => (reason === 'transport' ? this.reconnect() : this.register()));
    }, delayMs);
    this.ctx.observer.retryScheduled(this.attempt, delayMs, reason);
  }

  private reconnect(): void {
    const ua = this.ua;
    if (!ua || this.state !== 'reconnecting') return;
    const generation = this.generation;
    // On success the user agent calls onConnect, which registers again.
    ua.reconnect().catch((error: unknown) => this.whenCurrent(generation, () => this.onConnectFailed(error)));
  }

  /**
   * A registerer whose socket died may still wait 32 s for its REGISTER to time out and would
   * refuse to register meanwhile, so it is thrown away and a new one made on reconnect.
   */
  private dropRegisterer(): void {
    const registerer = this.registerer;
    this.registerer = undefined;
    void registerer?.dispose().catch(() => {});
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private apply(event: RegistrationEvent, error?: SoftphoneError): void {
    const previous = this.state;
    this.state = registrationMachine.transition(previous, event);
    if (this.state !== previous) this.ctx.observer.stateChanged(this.state, previous, error);
  }

  /**
   * For events the network causes: one the table does not expect is a bug worth logging, but
   * throwing it would unwind through sip.js's transport callbacks and leave them half done.
   */
  private applyFromNetwork(event: RegistrationEvent): boolean {
    if (!registrationMachine.can(this.state, event)) {
      this.log('error', `Ignored "${event}" in registration state "${this.state}"`);
      return false;
    }
    this.apply(event);
    return true;
  }

  private settleFirstRegistration(error?: SoftphoneError): void {
    const pending = this.firstRegistration;
    this.firstRegistration = undefined;
    if (!pending) return;
    if (error) pending.reject(error);
    else pending.resolve();
  }

  private whenCurrent(generation: number, action: () => void): void {
    if (generation === this.generation) action();
  }

  private log(level: 'warn' | 'error', message: string, error?: unknown): void {
    this.ctx.logger[level]({ error: describeError(error) }, message);
  }
}
