import { Inviter } from 'sip.js';
import type { UserAgent, URI } from 'sip.js';
import { HEADER_CONSULT_OF } from '../../contract/sip-headers.js';
import { Call, type CallContext } from './call.js';
import type { CallInfo } from './call-info.js';
import { checkExtraHeaders, toTargetUri } from './dial-target.js';
import { describeError } from './logger.js';
import { SoftphoneError } from './softphone-error.js';

/** What the consult line needs of the softphone around it. */
export interface ConsultHost {
  /** The caller's call: the one consulted about. */
  primary(): Call | undefined;
  userAgent(): UserAgent | undefined;
  ownUri(): URI;
  /** The consult call's context: its observer reports it as the consult, not as the phone's call. */
  readonly context: CallContext;
}

/** Whom the agent hears during a consult; the other party is held. */
export type ConsultParty = 'caller' | 'consulted';

/**
 * The agent's second line during a consult (attended) transfer. The caller's call is held
 * while the consult call rings the colleague; `swap` alternates which of the two is held; when
 * the consult call ends (cancelled, the colleague hung up, refused), the caller is taken off hold.
 * The switch itself joins the caller to the colleague on completion, hanging up both calls here.
 */
export class ConsultLine {
  private call: Call | undefined;
  private swapping = false;

  constructor(private readonly host: ConsultHost) {}

  get info(): CallInfo | undefined {
    return this.call?.info;
  }

  /** The consult call's media handler (for audio routing). */
  get handler() {
    return this.call?.handler;
  }

  /**
   * Holds the caller (if not held yet) and dials the consult call, naming the caller's call
   * (`kefuCallId`) so the switch rings the colleague chosen for it.
   */
  async dial(target: string, kefuCallId: string): Promise<CallInfo> {
    const ua = this.host.userAgent();
    const primary = this.host.primary();
    if (!ua?.isConnected()) throw new SoftphoneError('NOT_CONNECTED', 'Not connected to the SIP server');
    if (!primary || (primary.info.state !== 'active' && primary.info.state !== 'held')) {
      throw new SoftphoneError('NO_CALL', 'A consult needs a connected call');
    }
    if (this.call && !this.call.isEnded) throw new SoftphoneError('CALL_IN_PROGRESS', 'A consult call is already up');
    const headers = checkExtraHeaders([`${HEADER_CONSULT_OF}: ${kefuCallId}`]);
    const uri = toTargetUri(target, this.host.ownUri());
    if (primary.info.state === 'active') await primary.hold();
    const call = Call.outgoing(new Inviter(ua, uri, { extraHeaders: headers }), this.host.context);
    this.call = call;
    await call.invite();
    return call.info;
  }

  /** Talks to `party` and holds the other; resolves once both re-INVITEs were answered. */
  async talkTo(party: ConsultParty): Promise<void> {
    const primary = this.host.primary();
    const consult = this.call;
    if (!primary || primary.isEnded || !consult || consult.isEnded) throw new SoftphoneError('NO_CALL', 'There is no consult to swap');
    if (this.swapping) throw new SoftphoneError('INVALID_STATE', 'A swap is already in progress');
    const [hear, hold] = party === 'caller' ? [primary, consult] : [consult, primary];
    this.swapping = true;
    try {
      // Hold first: neither party may overhear the other while the line turns.
      if (hold.info.state === 'active') await hold.hold();
      if (hear.info.state === 'held') await hear.resume();
      hear.attachAudio();
    } finally {
      this.swapping = false;
    }
  }

  /** Hangs the consult call up; the caller is taken off hold once it has ended. */
  async hangup(): Promise<void> {
    if (!this.call || this.call.isEnded) return;
    await this.call.hangup();
  }

  /** The consult call ended: back to the caller, unless their call is over too. */
  ended(call: CallInfo): void {
    if (this.call?.id !== call.id) return;
    this.call = undefined;
    const primary = this.host.primary();
    if (!primary || primary.isEnded) return;
    const back = primary.info.state === 'held' ? primary.resume() : Promise.resolve();
    back.then(
      () => primary.attachAudio(),
      (error: unknown) => this.host.context.logger.warn({ error: describeError(error) }, 'Could not take the caller off hold after the consult'),
    );
  }
}
