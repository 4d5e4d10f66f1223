import { Inviter, UserAgent } from 'sip.js';
import type { Invitation } from 'sip.js';
import { Call, type CallContext } from './call.js';
import type { CallInfo, HoldAction, ProvisionalResponse } from './call-info.js';
import type { CallState } from './call-state.js';
import { parseSoftphoneConfig, type SoftphoneConfig, type SoftphoneConfigInput } from './config.js';
import { Connection, type RetryReason, type TransportBinding } from './connection.js';
import { ConsultLine, type ConsultParty } from './consult-line.js';
import { checkExtraHeaders, toTargetUri } from './dial-target.js';
import type { DtmfOptions } from './dtmf.js';
import { silentLogger, type SoftphoneLogger } from './logger.js';
import type { AudioDevices, MediaEngine } from './media-engine.js';
import type { RegistrationState } from './registration-state.js';
import { WebAudioRingtone, type Ringtone } from './ringtone.js';
import { SoftphoneError } from './softphone-error.js';
import { TypedEmitter } from './typed-emitter.js';
import { WebMediaEngine } from './web-media-engine.js';

/** Every event the softphone emits, with its payload. Facts, in the past tense. */
export interface SoftphoneEvents {
  'registration:state-changed': {
    readonly state: RegistrationState;
    readonly previous: RegistrationState;
    /** Set when the change is a failure (`failed`: the registrar refused us). */
    readonly error: SoftphoneError | undefined;
  };
  /** A reconnect or re-register attempt is due in `delayMs`. */
  'registration:retry-scheduled': { readonly attempt: number; readonly delayMs: number; readonly reason: RetryReason };
  /** A call is ringing in; `call` carries the caller id and the ids for the screen pop. */
  'call:incoming': { readonly call: CallInfo };
  'call:state-changed': { readonly call: CallInfo; readonly previous: CallState };
  'call:mute-changed': { readonly call: CallInfo };
  /**
   * Outbound: a provisional response arrived, e.g. 182 Queued and later 180 Ringing. Sent for
   * every one, since the state stays `ringing-out` from the second on.
   */
  'call:progress': { readonly call: CallInfo; readonly response: ProvisionalResponse };
  /**
   * Our hold or resume did not happen: the far end refused the re-INVITE (`error.statusCode`)
   * or it could not be sent. The call goes on in the hold state it had (`call.state` is still
   * `active` or `held`), except after a 481 or 408: the dialog is gone and `call.state` is
   * `ended`. Sent before hold()/resume() rejects with the same error.
   */
  'call:hold-failed': { readonly call: CallInfo; readonly action: HoldAction; readonly error: SoftphoneError };
  /**
   * The far end sent a text message within the call (SIP MESSAGE), e.g. the contact center's
   * satisfaction question after the agent hung up: show it to the caller.
   */
  'call:message': { readonly call: CallInfo; readonly text: string };
  /** The far end sent a DTMF digit by SIP INFO. */
  'call:dtmf-received': { readonly call: CallInfo; readonly digit: string; readonly durationMs: number | undefined };
  /**
   * The consult call (the agent's second line during an attended transfer) changed state. Its
   * events are kept apart from `call:*`, which stay about the caller's call.
   */
  'consult:state-changed': { readonly call: CallInfo; readonly previous: CallState };
  /** A failure nobody awaited: today, the registrar refusing the credentials. */
  error: { readonly error: SoftphoneError };
}

/** Replaceable parts; the defaults are the browser ones. */
export interface SoftphoneDependencies {
  readonly logger?: SoftphoneLogger;
  readonly media?: MediaEngine;
  readonly ringtone?: Ringtone;
  /** sip.js transport; defaults to its WebSocket transport to `config.wsServer`. */
  readonly transport?: TransportBinding;
  readonly now?: () => number;
  /** For the backoff jitter. */
  readonly random?: () => number;
}

export interface DialOptions {
  /** `X-...: value` lines added to the INVITE. */
  readonly extraHeaders?: readonly string[];
}

export interface RejectOptions {
  /** 486 Busy Here (default) lets the switch try another agent; 603 Decline says do not. */
  readonly statusCode?: 480 | 486 | 603;
}

/**
 * The agent's phone: registers with the SIP edge, rings, answers, dials, holds, mutes and
 * sends DTMF, one call at a time. Framework-free; the console wraps it in its own state.
 *
 * Methods that the current state does not allow reject with IllegalTransitionError (from the
 * call table) or SoftphoneError; their failures are thrown to the caller, not also emitted.
 * The one exception is a refused hold or resume, also emitted as `call:hold-failed`: it says
 * something about the call (still up, hold state unchanged, or ended) that every view of the
 * call needs, not only the code that asked.
 */
export class Softphone extends TypedEmitter<SoftphoneEvents> {
  private readonly config: SoftphoneConfig;
  private readonly logger: SoftphoneLogger;
  private readonly media: MediaEngine;
  private readonly ringtone: Ringtone;
  private readonly connection: Connection;
  private readonly callContext: CallContext;
  private current: Call | undefined;
  private readonly consultLine: ConsultLine;

  /** @throws SoftphoneError INVALID_CONFIG naming every bad field. */
  constructor(config: SoftphoneConfigInput, deps: SoftphoneDependencies = {}) {
    const logger = deps.logger ?? silentLogger;
    super((error, event) => logger.error({ event: String(event), error: String(error) }, 'A softphone listener threw'));
    this.config = parseSoftphoneConfig(config);
    this.logger = logger;
    this.media = deps.media ?? new WebMediaEngine();
    this.ringtone = deps.ringtone ?? new WebAudioRingtone();
    this.callContext = {
      media: this.media,
      logger,
      now: deps.now ?? Date.now,
      observer: {
        stateChanged: (call, previous) => this.onCallState(call, previous),
        muteChanged: (call) => this.emit('call:mute-changed', { call }),
        dtmfReceived: (call, dtmf) => this.emit('call:dtmf-received', { call, ...dtmf }),
        messageReceived: (call, text) => this.emit('call:message', { call, text }),
        progressed: (call, response) => this.emit('call:progress', { call, response }),
        holdFailed: (call, action, error) => this.emit('call:hold-failed', { call, action, error }),
      },
    };
    const ignore = (): void => {};
    this.consultLine = new ConsultLine({
      primary: () => this.current,
      userAgent: () => this.connection.userAgent,
      ownUri: () => ownUri(this.config),
      context: {
        ...this.callContext,
        observer: {
          stateChanged: (call, previous) => {
            this.emit('consult:state-changed', { call, previous });
            if (call.state === 'ended') this.consultLine.ended(call);
          },
          muteChanged: ignore,
          dtmfReceived: ignore,
          messageReceived: ignore,
          progressed: ignore,
          holdFailed: (call, action, error) => logger.warn({ sipCallId: call.sipCallId, action, error: String(error) }, 'Consult line hold refused'),
        },
      },
    });
    this.connection = new Connection({
      config: this.config,
      media: this.media,
      logger,
      transport: deps.transport,
      random: deps.random ?? Math.random,
      observer: {
        stateChanged: (state, previous, error) => {
          this.emit('registration:state-changed', { state, previous, error });
          if (error) this.emit('error', { error });
        },
        retryScheduled: (attempt, delayMs, reason) =>
          this.emit('registration:retry-scheduled', { attempt, delayMs, reason }),
        invite: (invitation) => this.onInvite(invitation),
      },
    });
  }

  get registrationState(): RegistrationState {
    return this.connection.registrationState;
  }

  /** The call in progress, if any. */
  get call(): CallInfo | undefined {
    return this.current?.info;
  }

  /**
   * Connects and registers, then keeps it so (reconnecting after drops) until stop().
   * Resolves once registered; rejects with REGISTRATION_REJECTED or STOPPED. Progress and
   * retries are reported through the registration events, so the promise may be ignored.
   * @throws IllegalTransitionError at once if already started (a bug in the caller).
   */
  start(): Promise<void> {
    this.logger.info({ uri: this.config.uri, server: this.config.wsServer }, 'Softphone starting');
    const registered = this.connection.start();
    registered.catch(() => {}); // reported through events too; not awaiting it is fine
    return registered;
  }

  /** Hangs up any call, unregisters and disconnects. start() may be called again afterwards. */
  async stop(): Promise<void> {
    this.ringtone.stop();
    await this.consultLine.hangup();
    if (this.current && !this.current.isEnded) await this.current.hangup();
    await this.connection.stop();
  }

  /** stop(), then releases the audio element and the ringtone's AudioContext: for sign-out. */
  async dispose(): Promise<void> {
    await this.stop();
    this.media.dispose();
    this.ringtone.dispose();
  }

  /** Calls a SIP URI, number or extension; resolves with the call once the INVITE is sent. */
  async dial(target: string, options: DialOptions = {}): Promise<CallInfo> {
    const ua = this.connection.userAgent;
    if (!ua) throw new SoftphoneError('NOT_STARTED', 'Start the softphone before dialling');
    if (!ua.isConnected()) throw new SoftphoneError('NOT_CONNECTED', 'Not connected to the SIP server');
    if (this.current && !this.current.isEnded) {
      throw new SoftphoneError('CALL_IN_PROGRESS', 'End the current call before dialling');
    }
    const uri = toTargetUri(target, ownUri(this.config));
    const inviter = new Inviter(ua, uri, { extraHeaders: checkExtraHeaders(options.extraHeaders ?? []) });
    const call = Call.outgoing(inviter, this.callContext);
    this.current = call;
    await call.invite();
    return call.info;
  }

  /** The consult call, while the agent consults a colleague (attended transfer). */
  get consultCall(): CallInfo | undefined {
    return this.consultLine.info;
  }

  /**
   * Consult: holds the caller and calls `target` on a second line, naming the caller's call
   * (`kefuCallId`, the switch's id) so the switch rings the colleague the server chose.
   */
  consult(target: string, kefuCallId: string): Promise<CallInfo> {
    return this.consultLine.dial(target, kefuCallId);
  }

  /** Swap: talks to the caller or the consulted colleague, holding the other. */
  talkTo(party: ConsultParty): Promise<void> {
    return this.consultLine.talkTo(party);
  }

  /** Hangs up the consult call; the caller is taken off hold. */
  endConsult(): Promise<void> {
    return this.consultLine.hangup();
  }

  async answer(): Promise<void> {
    return await this.requireCall().answer();
  }

  async reject(options: RejectOptions = {}): Promise<void> {
    return await this.requireCall().reject(options.statusCode);
  }

  async hangup(): Promise<void> {
    return await this.requireCall().hangup();
  }

  /**
   * Puts the far end on hold (re-INVITE, sendonly); resolves once the far end agreed. When it
   * refuses, the call stays active and this rejects with REQUEST_FAILED (see call:hold-failed).
   */
  async hold(): Promise<void> {
    return await this.requireCall().hold();
  }

  /** Takes the far end off hold; when refused the call stays held (see call:hold-failed). */
  async resume(): Promise<void> {
    return await this.requireCall().resume();
  }

  mute(): void {
    this.requireCall().setMuted(true);
  }

  unmute(): void {
    this.requireCall().setMuted(false);
  }

  /** One digit: 0-9 * # A-D. RFC 4733 in the media by default, or SIP INFO. */
  async sendDtmf(digit: string, options: DtmfOptions = {}): Promise<void> {
    return await this.requireCall().sendDtmf(digit, options);
  }

  setOutputDevice(deviceId: string): Promise<void> {
    return this.media.setOutputDevice(deviceId);
  }

  /** Uses this microphone from now on, including in the call in progress. */
  async setInputDevice(deviceId: string): Promise<void> {
    const call = this.current && !this.current.isEnded ? this.current : undefined;
    await this.media.setInputDevice(deviceId, call?.handler);
    call?.applyMedia(); // the new track starts enabled: put mute and hold back
  }

  listDevices(): Promise<AudioDevices> {
    return this.media.listDevices();
  }

  private onInvite(invitation: Invitation): void {
    if (this.current && !this.current.isEnded) {
      // One call at a time: the switch hears "busy" and can offer the call elsewhere.
      this.logger.info({ sipCallId: invitation.request.callId }, 'Busy: second incoming call refused');
      void invitation.reject({ statusCode: 486 }).catch(() => {});
      return;
    }
    const call = Call.incoming(invitation, this.callContext);
    this.current = call;
    call.ring();
  }

  private onCallState(call: CallInfo, previous: CallState): void {
    if (call.state === 'incoming') this.ringtone.start();
    if (previous === 'incoming') this.ringtone.stop();
    // Forget an ended call before telling anyone, so a listener may dial again at once.
    if (call.state === 'ended' && this.current?.id === call.id) this.current = undefined;
    this.emit('call:state-changed', { call, previous });
    if (call.state === 'incoming') this.emit('call:incoming', { call });
  }

  private requireCall(): Call {
    if (!this.current || this.current.isEnded) throw new SoftphoneError('NO_CALL', 'There is no call');
    return this.current;
  }
}

function ownUri(config: SoftphoneConfig): NonNullable<ReturnType<typeof UserAgent.makeURI>> {
  const uri = UserAgent.makeURI(config.uri);
  if (!uri) throw new SoftphoneError('INVALID_CONFIG', 'uri is not a valid SIP URI');
  return uri;
}
