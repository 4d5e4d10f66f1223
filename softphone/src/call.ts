import { Invitation, Inviter, SessionState } from 'sip.js';
import type { Core, Info, Message, Session, SessionDescriptionHandler } from 'sip.js';
import { callMachine, isMutable, type CallEvent, type CallState } from './call-state.js';
import type { CallDirection, CallEnd, CallInfo, HoldAction, ProvisionalResponse } from './call-info.js';
import { identityFromHeader, readKefuHeaders, type HeaderSource, type KefuCallHeaders } from './call-identity.js';
import { dtmfDuration, dtmfInfoBody, normalizeDtmfDigit, type DtmfOptions, type ReceivedDtmf } from './dtmf.js';
import { describeError, type SoftphoneLogger } from './logger.js';
import type { MediaEngine } from './media-engine.js';
import { answerDtmfInfo, answerTextMessage, AUDIO_ONLY, endSession, endsDialog, restartIceWhenAskedToOffer, sendHoldReinvite, sendInfo } from './session-requests.js';
import { IllegalTransitionError } from './state-machine.js';
import { SoftphoneError, toSoftphoneError } from './softphone-error.js';

/** The longest a hold waits for the ACK of the call's 200 OK (RFC 3261's 64×T1 is 32 s; a LAN needs far less). */
const ACK_WAIT_MS = 4000;

/** How a call reports back to the softphone that owns it. */
export interface CallObserver {
  stateChanged(call: CallInfo, previous: CallState): void;
  muteChanged(call: CallInfo): void;
  dtmfReceived(call: CallInfo, dtmf: ReceivedDtmf): void;
  /** A text/plain SIP MESSAGE arrived within the call. */
  messageReceived(call: CallInfo, text: string): void;
  /** Outbound: a provisional response arrived (after the state change it may cause). */
  progressed(call: CallInfo, response: ProvisionalResponse): void;
  /** Our hold or resume was refused or could not be sent; `call` says whether it goes on. */
  holdFailed(call: CallInfo, action: HoldAction, error: SoftphoneError): void;
}

export interface CallContext {
  readonly media: MediaEngine;
  readonly logger: SoftphoneLogger;
  readonly observer: CallObserver;
  readonly now: () => number;
}

const NO_HEADERS: HeaderSource = { getHeader: () => undefined };

/**
 * One call: a sip.js session, the call state machine and the mute flag. Agent actions check the
 * transition table before touching SIP and throw IllegalTransitionError when it says no; SIP
 * outcomes the table does not expect are logged, never thrown back into sip.js's callbacks.
 */
export class Call {
  private state: CallState = 'idle';
  private muted = false;
  private reinviting = false;
  /**
   * Settles when the far end's ACK for our 200 OK has arrived (inbound calls; outbound calls
   * send their own ACK). A re-INVITE sent before it crosses the ACK, and sip.js then ends the
   * call (RFC 5407 describes the race), so hold waits for it.
   */
  private ackArrived: Promise<void>;
  private markAcked: () => void = () => {};
  private kefu: KefuCallHeaders;
  private answeredAt: number | undefined;
  private endedAt: number | undefined;
  private end: CallEnd | undefined;
  /** What the far end said before sip.js reported Terminated (BYE, CANCEL, a 486...). */
  private remoteEnd: CallEnd | undefined;
  private lastProvisional: ProvisionalResponse | undefined;
  private readonly startedAt: number;

  private constructor(
    private readonly session: Session,
    readonly direction: CallDirection,
    private readonly sipCallId: string,
    headers: HeaderSource,
    private readonly ctx: CallContext,
  ) {
    this.startedAt = ctx.now();
    this.kefu = this.readHeaders(headers);
    this.ackArrived = direction === 'inbound' ? new Promise<void>((resolve) => (this.markAcked = resolve)) : Promise.resolve();
    session.stateChange.addListener((state) => this.onSessionState(state));
    restartIceWhenAskedToOffer(session);
    // With an onBye delegate sip.js leaves answering the BYE to us.
    session.delegate = {
      onBye: (bye) => {
        this.remoteEnd ??= { reason: 'remote-hangup' };
        void bye.accept().catch((error: unknown) => this.log('warn', 'Could not answer BYE', error));
      },
      onCancel: () => void (this.remoteEnd ??= { reason: 'remote-cancel' }),
      onInfo: (info) => this.onInfo(info),
      onMessage: (message) => this.onMessage(message),
      onAck: () => this.markAcked(),
    };
  }

  /** Wraps an incoming INVITE. Still `idle`: ring() announces it, once the owner holds it. */
  static incoming(invitation: Invitation, ctx: CallContext): Call {
    return new Call(invitation, 'inbound', invitation.request.callId, invitation.request, ctx);
  }

  /** Wraps an INVITE not sent yet. Still `idle`: invite() sends it. */
  static outgoing(inviter: Inviter, ctx: CallContext): Call {
    return new Call(inviter, 'outbound', inviter.request.callId, NO_HEADERS, ctx);
  }

  /** Announces an incoming call: `idle` to `incoming`. */
  ring(): void {
    this.apply('receive-invite');
  }

  /** Sends the INVITE. Rejects if it could not be sent (no microphone, socket down). */
  async invite(): Promise<void> {
    if (!(this.session instanceof Inviter)) throw new Error('Only an outgoing call sends an INVITE');
    this.apply('dial');
    try {
      await this.session.invite({
        sessionDescriptionHandlerOptions: AUDIO_ONLY,
        requestDelegate: {
          onProgress: (response) => {
            this.mergeHeaders(response.message);
            this.onProvisional(response.message);
          },
          onAccept: (response) => this.mergeHeaders(response.message),
          onReject: (response) => {
            const { statusCode, reasonPhrase } = response.message;
            this.remoteEnd ??= { reason: 'remote-reject', statusCode, reasonPhrase };
          },
        },
      });
    } catch (error) {
      if (!this.isEnded) this.finish('end', { reason: 'failed' });
      // A refused microphone arrives here as our own MEDIA error and stays one.
      throw toSoftphoneError('REQUEST_FAILED', 'Could not place the call', error);
    }
  }

  get id(): string {
    return this.session.id;
  }

  get isEnded(): boolean {
    return this.state === 'ended';
  }

  /** The media handler, once sip.js has made it (on answer, or when the INVITE goes out). */
  get handler(): SessionDescriptionHandler | undefined {
    return this.session.sessionDescriptionHandler;
  }

  get info(): CallInfo {
    const headerIdentity = identityFromHeader(this.session.remoteIdentity);
    const asserted = this.session.assertedIdentity;
    const assertedIdentity = asserted ? identityFromHeader(asserted) : undefined;
    return Object.freeze({
      id: this.session.id,
      direction: this.direction,
      state: this.state,
      muted: this.muted,
      remote: assertedIdentity ?? headerIdentity,
      headerIdentity,
      assertedIdentity,
      sipCallId: this.sipCallId,
      interactionId: this.kefu.interactionId,
      kefuCallId: this.kefu.kefuCallId,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      end: this.end,
      lastProvisional: this.lastProvisional,
    });
  }

  async answer(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new IllegalTransitionError('call', this.state, 'answer');
    this.apply('answer');
    try {
      await this.session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    } catch (error) {
      throw toSoftphoneError('REQUEST_FAILED', 'Could not answer the call', error);
    }
  }

  /** Declines a ringing call; 486 Busy Here lets the switch offer it to another agent. */
  async reject(statusCode = 486): Promise<void> {
    this.finish('reject', { reason: 'local-reject', statusCode });
    await this.endSession(statusCode);
  }

  /** Ends the call whatever its stage: declines, cancels or sends BYE. */
  async hangup(): Promise<void> {
    const established = this.session.state === SessionState.Established;
    const reason = established ? 'local-hangup' : this.direction === 'outbound' ? 'local-cancel' : 'local-reject';
    this.finish('hangup', { reason });
    await this.endSession(486);
  }

  /** Puts the far end on hold. A refusal rejects, after `holdFailed` has told the observer. */
  async hold(): Promise<void> {
    this.check('hold');
    // Checked before the media is touched: a failing second hold must not unmute the first.
    if (this.reinviting) throw new SoftphoneError('INVALID_STATE', 'A hold or resume is already in progress');
    const handler = this.requireHandler();
    // Silence both ways before asking: the caller must not hear the agent while the
    // re-INVITE is in flight, whatever the far end answers.
    this.ctx.media.setSending(handler, false);
    this.ctx.media.setReceiving(handler, false);
    await this.reinvite('hold');
    if (this.state === 'active') this.apply('hold');
    this.applyMedia();
  }

  /** Takes the far end off hold; a refusal leaves the call held, as hold() leaves it active. */
  async resume(): Promise<void> {
    this.check('resume');
    await this.reinvite('resume');
    if (this.state === 'held') this.apply('resume');
    this.applyMedia();
  }

  setMuted(muted: boolean): void {
    if (!isMutable(this.state)) {
      throw new SoftphoneError('INVALID_STATE', `Cannot ${muted ? 'mute' : 'unmute'} a call that is ${this.state}`);
    }
    if (this.muted === muted) return;
    this.muted = muted;
    this.applyMedia();
    this.ctx.observer.muteChanged(this.info);
  }

  async sendDtmf(digit: string, options: DtmfOptions = {}): Promise<void> {
    const tone = normalizeDtmfDigit(digit);
    if (this.state !== 'active') throw new SoftphoneError('INVALID_STATE', `Cannot send DTMF while ${this.state}`);
    const duration = dtmfDuration(options.durationMs);
    if ((options.method ?? 'rfc4733') === 'info') {
      await sendInfo(this.session, dtmfInfoBody(tone, duration));
      return;
    }
    // RTCDTMFSender through sip.js; it needs telephone-event in the negotiated SDP.
    if (!this.requireHandler().sendDtmf(tone, { duration, interToneGap: 70 })) {
      throw new SoftphoneError('MEDIA', 'DTMF could not be sent in the media stream (no telephone-event?)');
    }
  }

  /** Plays this call's remote audio (the line it is on now: a consult swaps between two calls). */
  attachAudio(): void {
    const handler = this.handler;
    if (handler && this.state !== 'ended') this.ctx.media.attachRemoteAudio(handler);
  }

  /** Re-applies mute and hold to the media, e.g. after the microphone was swapped. */
  applyMedia(): void {
    const handler = this.handler;
    if (!handler || this.state === 'ended') return;
    this.ctx.media.setSending(handler, !this.muted && this.state !== 'held');
    this.ctx.media.setReceiving(handler, this.state !== 'held');
  }

  private async reinvite(action: HoldAction): Promise<void> {
    if (this.reinviting) throw new SoftphoneError('INVALID_STATE', 'A hold or resume is already in progress');
    this.reinviting = true;
    try {
      await Promise.race([this.ackArrived, new Promise<void>((r) => setTimeout(r, ACK_WAIT_MS))]);
      if (this.isEnded) throw new SoftphoneError('INVALID_STATE', `Cannot ${action} a call that has ended`);
      await sendHoldReinvite(this.session, action === 'hold');
      if (this.isEnded) throw new SoftphoneError('INVALID_STATE', `The call ended before the ${action} took effect`);
    } catch (cause) {
      const error = toSoftphoneError('REQUEST_FAILED', `Could not ${action} the call`, cause);
      await this.onHoldRefused(action, error);
      throw error;
    } finally {
      this.reinviting = false;
    }
  }

  /**
   * A refused re-INVITE changes nothing (RFC 3261 14.1): the call stays in the hold state it
   * had and the media goes back to what that state says. Only a 481 or 408 means the dialog
   * is gone, and then the call ends.
   */
  private async onHoldRefused(action: HoldAction, error: SoftphoneError): Promise<void> {
    if (this.isEnded) return; // ended meanwhile (a BYE crossed it): nothing left to tell
    if (endsDialog(error.statusCode)) {
      this.finish('end', { reason: 'failed', statusCode: error.statusCode });
      // sip.js cannot drop an established dialog without a BYE. After a 408 the far end may
      // still hold the call; after a 481 the BYE is refused too, which costs nothing.
      await this.endSession(486);
    } else {
      this.applyMedia();
    }
    this.ctx.observer.holdFailed(this.info, action, error);
  }

  private async endSession(statusCode: number): Promise<void> {
    try {
      await endSession(this.session, statusCode);
    } catch (error) {
      // The call is over for the agent either way; sip.js tidies the dialog up on its own.
      this.log('warn', 'Ending the SIP session failed', error);
    }
  }

  private onSessionState(state: SessionState): void {
    if (state === SessionState.Established) {
      this.answeredAt = this.ctx.now();
      const handler = this.handler;
      if (handler && this.state !== 'ended') this.ctx.media.attachRemoteAudio(handler);
      this.applyFromSip('establish');
    } else if (state === SessionState.Terminated) {
      // sip.js reports Terminated before it hands the final response (a 486, say) to our
      // request delegate, so the reason is read a microtask later, once the delegate has run.
      void Promise.resolve().then(() => {
        if (this.state !== 'ended') this.finish('end', this.remoteEnd ?? { reason: 'failed' });
      });
    }
  }

  /** Outbound: 180, 182, 183... Each one is reported, even when the state stays `ringing-out`. */
  private onProvisional({ statusCode, reasonPhrase }: Core.IncomingResponseMessage): void {
    if (statusCode === undefined || !callMachine.can(this.state, 'progress')) {
      this.applyFromSip('progress'); // late (after the answer or the end): only logged
      return;
    }
    const response: ProvisionalResponse = { statusCode, reasonPhrase: reasonPhrase ?? '' };
    // Kept before the state change, so the first `ringing-out` snapshot already says which.
    this.lastProvisional = response;
    this.apply('progress');
    this.ctx.observer.progressed(this.info, response);
  }

  private onInfo(info: Info): void {
    const dtmf = answerDtmfInfo(info, (error) => this.log('warn', 'Could not answer INFO', error));
    if (dtmf) this.ctx.observer.dtmfReceived(this.info, dtmf);
  }

  private onMessage(message: Message): void {
    const text = answerTextMessage(message, (error) => this.log('warn', 'Could not answer MESSAGE', error));
    if (text !== undefined) this.ctx.observer.messageReceived(this.info, text);
  }

  /** Moves to `ended` now, whatever the network does next. */
  private finish(event: CallEvent, end: CallEnd): void {
    this.check(event);
    this.end = end;
    this.endedAt = this.ctx.now();
    this.ctx.media.detachRemoteAudio(this.handler);
    this.apply(event);
  }

  private check(event: CallEvent): void {
    if (!callMachine.can(this.state, event)) throw new IllegalTransitionError('call', this.state, event);
  }

  private apply(event: CallEvent): void {
    const previous = this.state;
    this.state = callMachine.transition(previous, event);
    if (this.state !== previous) this.ctx.observer.stateChanged(this.info, previous);
  }

  private applyFromSip(event: CallEvent): void {
    if (callMachine.can(this.state, event)) {
      this.apply(event);
    } else if (this.state !== 'ended') {
      // An ended call still hears late responses; anything else unexpected is worth a look.
      this.log('warn', `Ignored SIP event "${event}" in call state "${this.state}"`);
    }
  }

  /** Outbound: the switch may tell us its ids in a provisional or final response. */
  private mergeHeaders(message: HeaderSource): void {
    const found = this.readHeaders(message);
    this.kefu = { interactionId: this.kefu.interactionId ?? found.interactionId, kefuCallId: this.kefu.kefuCallId ?? found.kefuCallId };
  }

  private readHeaders(message: HeaderSource): KefuCallHeaders {
    return readKefuHeaders(message, (header) => this.log('warn', `Ignored malformed ${header} header`));
  }

  private requireHandler(): SessionDescriptionHandler {
    if (!this.handler) throw new SoftphoneError('MEDIA', 'The call has no media yet');
    return this.handler;
  }

  private log(level: 'warn' | 'error', message: string, error?: unknown): void {
    this.ctx.logger[level]({ sipCallId: this.sipCallId, error: describeError(error) }, message);
  }
}
