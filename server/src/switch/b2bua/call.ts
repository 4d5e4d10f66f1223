import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { HEADER_CALL_ID } from '../../../../contract/sip-headers.js';
import type { CallerPrompt, OfferFailure } from '../ports.js';
import { bodyOf, buildResponse, type Body, type HeaderLine } from '../message/build.js';
import type { SipRequest, SipResponse } from '../message/parse.js';
import { AwaitedAcks } from './awaited-acks.js';
import type { CallContext, CallKind, CallState, Fork, NewFork, Offer } from './call-types.js';
import type { TransactionFailure } from './client-transactions.js';
import type { Leg } from './leg.js';
import { ackNon2xx, IGNORE_RESPONSES, sendBye, sendCancel } from './leg-signalling.js';
import { answerThroughAnchor, ringThroughAnchor } from './anchored-offers.js';
import { CallerPrompts } from './caller-prompts.js';
import { answerInDialog } from './in-dialog.js';
import type { BridgedCall } from './mid-call-relay.js';
import { callerStatusFor, offerFailureFor, releaseReason, worstFailure } from './offer-failure.js';
import type { MediaAnchor } from './media-anchor.js';
import { ringParked } from './transfer-ring.js';

export type { CallContext, CallKind, CallState, NewFork } from './call-types.js';

/**
 * A call owned by the B2BUA: the caller's leg (we are its UAS) and the agent leg(s) (we are
 * their UAC). Signalling is relayed between the legs; SDP is passed through unchanged.
 */
export class Call implements BridgedCall {
  readonly id = randomUUID();
  state: CallState = 'waiting';
  readonly offers: Offer[] = [];
  /** The answering side's leg and offer; written by transfers too (transfer-ring.ts). */
  agentLeg: Leg | undefined;
  answeredBy: Offer | undefined;
  private callerFinalSent = false;
  onHold = false;
  readonly acks: AwaitedAcks<Leg>;
  private logger: Logger | undefined;
  /** Set on a trunk call when there is a media plane: both legs' SDP is the relay's. */
  anchor: MediaAnchor | undefined;
  private readonly prompts = new CallerPrompts(this, () => this.log);

  constructor(
    readonly ctx: CallContext,
    readonly kind: CallKind,
    readonly callerLeg: Leg,
    private readonly callerInvite: SipRequest,
    /** Who is calling, as the agent's phone will show it. */
    readonly caller: { readonly number: string; readonly displayName: string | null },
  ) {
    this.acks = new AwaitedAcks(ctx.ackTimeoutMs, (leg) => this.ackNeverCame(leg));
  }

  /** Made on first use: most calls never log, and a child logger per call is not free. */
  private get log(): Logger {
    return (this.logger ??= this.ctx.log.child({ callId: this.id }));
  }

  /** The branch of the caller's INVITE, parsed only if a CANCEL needs it. */
  get callerBranch(): string | undefined {
    return this.callerInvite.viaBranch;
  }

  /** The caller's SDP offer, relayed unchanged to every agent leg. */
  get offerBody(): Body | undefined {
    return bodyOf(this.callerInvite);
  }

  hasOfferFor(agentUserId: number | null): boolean {
    return this.offers.some((o) => o.agentUserId === agentUserId && !o.settled);
  }

  legs(): Leg[] {
    return [this.callerLeg, ...this.offers.flatMap((o) => o.forks.map((f) => f.leg))];
  }

  /** Sends a final or provisional response on the caller's INVITE (never twice final). */
  respondCaller(status: number, reason: string, body?: Body): void {
    if (this.callerFinalSent) return;
    if (status >= 200) this.callerFinalSent = true;
    const headers: HeaderLine[] = status > 100 && status < 300 ? [['Contact', this.callerLeg.connection.contact ?? this.ctx.contact]] : [];
    headers.push([HEADER_CALL_ID, this.id]);
    this.callerLeg.connection.send(
      buildResponse(this.callerInvite, status, reason, { toTag: this.callerLeg.localTag, headers, ...(body ? { body } : {}) }),
    );
  }

  /** Rings one party on each of its phones. */
  ring(agentUserId: number | null, forks: readonly NewFork[]): void {
    const offer: Offer = { agentUserId, forks: [], withdrawn: false, ringing: false, settled: false };
    this.offers.push(offer);
    if (this.state === 'parked') return ringParked(this, offer, forks);
    if (!this.anchor) return this.sendForks(offer, forks, this.offerBody);
    ringThroughAnchor(this, this.anchor, offer, () => this.log, (body) => this.sendForks(offer, forks, body));
  }

  /**
   * INVITEs each phone of `forks` for `offer` with `body` (none: the phone makes the offer, as
   * on a transfer's ring); their responses go to `onResponse`, by default the first ring's.
   */
  sendForks(
    offer: Offer,
    forks: readonly NewFork[],
    body: Body | undefined,
    onResponse: (fork: Fork, response: SipResponse) => void = (fork, response) => this.onForkResponse(offer, fork, response),
  ): void {
    for (const { leg, headers } of forks) {
      const invite = leg.request('INVITE', this.ctx.contact, body, headers);
      const fork: Fork = { leg, invite, ruri: leg.remoteTarget, to: leg.remote, state: 'calling', cancelSent: false, outcome: undefined };
      offer.forks.push(fork);
      this.ctx.indexLeg(leg, this);
      this.ctx.transactions.start(leg.connection, invite.branch, 'INVITE', {
        onResponse: (response) => onResponse(fork, response),
        onFailure: (why) => this.onForkDone(offer, fork, why),
      });
      if (!leg.send(invite)) this.onForkDone(offer, fork, 'closed');
    }
  }

  /** A fork of a transfer's ring ended (transfer-ring.ts): the offer fails once none is left. */
  settleFork(offer: Offer, fork: Fork, outcome: number | TransactionFailure): void {
    if (fork.state === 'answered' && this.agentLeg !== fork.leg) fork.state = 'done';
    this.onForkDone(offer, fork, outcome);
  }

  /** The ACD stopped ringing this agent (ring-no-answer): CANCEL, no failure reported. */
  withdraw(agentUserId: number): void {
    for (const offer of this.offers) {
      if (offer.agentUserId !== agentUserId || offer.settled || offer === this.answeredBy) continue;
      offer.withdrawn = true;
      for (const fork of offer.forks) this.cancelFork(fork);
    }
  }

  /** The ACD ends the call: a final response to a waiting caller, BYE on both bridged legs. */
  release(status: number): void {
    if (this.state === 'waiting') this.respondCaller(status, releaseReason(status));
    this.teardown(undefined);
  }

  callerCancelled(): void {
    if (this.state !== 'waiting') return; // too late: already answered (§9.2), BYE will follow
    this.respondCaller(487, 'Request Terminated');
    this.callerGone(this.callerLeg);
  }

  connectionClosed(connectionId: string): void {
    if (this.state === 'ended') return;
    if (this.callerLeg.connection.id === connectionId) {
      this.callerFinalSent = true; // nobody to answer any more
      this.callerGone(this.callerLeg);
    } else if (this.agentLeg?.connection.id === connectionId) {
      this.agentGone(this.agentLeg, this.agentLeg);
    }
    // Ringing forks on that connection fail through their transactions.
  }

  /** A request inside one of our dialogs (the To tag is ours). */
  inDialog(leg: Leg, request: SipRequest): void {
    answerInDialog(this, leg, request, {
      // 2xx ACKs end here: each leg's ACK is ours to send or absorb (§13.3.1.4).
      ack: (from, cseq) => this.acks.received(from, cseq),
      bye: (from) => {
        if (from !== this.callerLeg) return this.agentGone(from, from);
        if (this.state === 'waiting') this.respondCaller(487, 'Request Terminated');
        this.callerGone(from);
      },
    });
  }

  /** Puts a text to the caller within the call (SIP MESSAGE); the web phone shows it. */
  promptCaller(text: string): void {
    if (this.state !== 'bridged') return;
    const message = this.callerLeg.request('MESSAGE', this.ctx.contact, { contentType: 'text/plain;charset=utf-8', content: text });
    this.ctx.transactions.start(this.callerLeg.connection, message.branch, 'MESSAGE', IGNORE_RESPONSES);
    this.callerLeg.send(message);
  }

  peerOf(leg: Leg): Leg | undefined {
    if (this.state !== 'bridged') return undefined;
    if (leg === this.callerLeg) return this.agentLeg;
    return leg === this.agentLeg ? this.callerLeg : undefined;
  }

  noteHold(onHold: boolean, by: Leg): void {
    if (onHold === this.onHold || this.state !== 'bridged') return;
    this.onHold = onHold;
    // A carrier's caller held by the agent hears the hold tune from the relay.
    if (this.anchor && by === this.agentLeg) void this.anchor.holdMusic(onHold);
    this.ctx.events.holdChanged(this.id, onHold);
  }

  /**
   * The caller is admitted to a queue. A caller whose media is anchored starts hearing the
   * relay (183 with its SDP: early media), so prompts and music reach them while they wait;
   * others hear "Queued" (182).
   */
  queued(): void {
    this.prompts.queued();
  }

  /** Plays a prompt to a caller whose media is anchored; resolves with its length in ms (0: nothing played). */
  playToCaller(prompt: CallerPrompt, repeat: boolean): Promise<number> {
    return this.prompts.play(prompt, repeat);
  }

  /**
   * Sends a waiting caller away with `status`, after a prompt (closed, busy) when their media
   * is anchored; at once otherwise. A caller who hangs up meanwhile ends it sooner.
   */
  announceThenRelease(prompt: CallerPrompt, status: number): Promise<void> {
    return this.prompts.announceThenRelease(prompt, status);
  }

  stopPlayingToCaller(): void {
    this.prompts.stop();
  }

  awaitAck(leg: Leg, cseq: number): void {
    if (this.state === 'bridged') this.acks.expect(leg, cseq);
  }

  private onForkResponse(offer: Offer, fork: Fork, response: SipResponse): void {
    const status = response.statusCode;
    if (status === 100) return;
    if (status < 200) {
      if (fork.state === 'calling') fork.state = 'early';
      if (this.state === 'waiting' && !offer.withdrawn && !offer.ringing) {
        offer.ringing = true;
        this.reportRinging(offer);
      }
      return;
    }
    if (status < 300) {
      fork.leg.answered(response);
      fork.leg.send(fork.leg.ack2xx(fork.invite.cseq));
      if (this.state !== 'waiting' || offer.withdrawn || fork.cancelSent) {
        // Answered as our CANCEL crossed it, or after someone else answered: hang it up.
        this.log.debug({ status }, 'Late answer on an agent leg; sending BYE');
        fork.state = 'done';
        sendBye(this.ctx.transactions, fork.leg, this.ctx.contact);
        this.onForkDone(offer, fork, status);
        return;
      }
      fork.state = 'answered';
      this.bridge(offer, fork, response);
      return;
    }
    ackNon2xx(fork, response);
    this.onForkDone(offer, fork, status);
  }

  private onForkDone(offer: Offer, fork: Fork, outcome: number | TransactionFailure): void {
    if (fork.state !== 'answered') fork.state = 'done';
    fork.outcome ??= outcome;
    if (offer.settled || offer.forks.some((f) => f.state === 'calling' || f.state === 'early')) return;
    if (offer.forks.some((f) => f.state === 'answered')) return;
    offer.settled = true;
    if ((this.state !== 'waiting' && this.state !== 'parked') || offer.withdrawn) return;
    const failures = offer.forks.map((f) => offerFailureFor(f.outcome ?? 'closed'));
    const why: OfferFailure = worstFailure(failures);
    if (this.kind.type === 'queue') {
      if (offer.agentUserId !== null) this.ctx.events.offerFailed(this.id, offer.agentUserId, why);
      return;
    }
    // A direct call has one callee: its failure is the call's.
    const first = offer.forks[0]?.outcome ?? 'closed';
    this.respondCaller(callerStatusFor(first), 'Callee Unavailable');
    this.ctx.events.directCallChanged(this.kind.direct, 'ended', 'failed');
    this.end();
  }

  private reportRinging(offer: Offer): void {
    if (this.kind.type === 'queue') {
      // The caller keeps hearing the queue (182), not the agent's phone.
      if (offer.agentUserId !== null) this.ctx.events.offerRinging(this.id, offer.agentUserId);
    } else {
      this.respondCaller(180, 'Ringing');
    }
  }

  /** The phone that answered (`fork`, ringing for `offer`) is the call's other side; every other ring stops. */
  attach(offer: Offer, fork: Fork): void {
    this.state = 'bridged';
    this.agentLeg = fork.leg;
    this.answeredBy = offer;
    for (const other of this.offers) {
      for (const f of other.forks) if (f !== fork) this.cancelFork(f);
      if (other !== offer) other.withdrawn = true;
    }
  }

  private bridge(offer: Offer, fork: Fork, response: SipResponse): void {
    this.attach(offer, fork);
    const answer = bodyOf(response);
    const answerCaller = (body: Body | undefined): void => {
      this.respondCaller(200, 'OK', body);
      this.awaitAck(this.callerLeg, this.callerInvite.cseq);
    };
    if (this.anchor && answer) answerThroughAnchor(this, this.anchor, answer, () => this.log, answerCaller, () => this.agentGone(fork.leg, undefined));
    else answerCaller(answer);
    if (this.kind.type === 'queue') {
      if (offer.agentUserId !== null) this.ctx.events.offerAnswered(this.id, offer.agentUserId);
    } else {
      this.ctx.events.directCallChanged(this.kind.direct, 'answered');
    }
  }

  /**
   * A leg never ACKed our 2xx (§13.3.1.4): the session is ended as if that side had hung up,
   * so the ACD logs the call the same way, and both legs get a BYE (the silent one too: it may
   * think it is in a call).
   */
  private ackNeverCame(leg: Leg): void {
    if (this.state !== 'bridged') return;
    this.log.warn({ leg: leg === this.callerLeg ? 'caller' : 'agent' }, 'No ACK for our 2xx; ending the call');
    if (leg === this.callerLeg) this.callerGone(undefined);
    else this.agentGone(leg, undefined);
  }

  /** The caller side ended the call; `hungUp` is its leg when it said so itself (no BYE back). */
  private callerGone(hungUp: Leg | undefined): void {
    if (this.state === 'ended') return;
    if (this.kind.type === 'queue') this.ctx.events.callerLeft(this.id);
    else this.ctx.events.directCallChanged(this.kind.direct, 'ended', 'caller');
    this.teardown(hungUp);
  }

  /** The answering side ended the call; `hungUp` as for the caller. */
  private agentGone(leg: Leg, hungUp: Leg | undefined): void {
    if (this.state !== 'bridged' || leg !== this.agentLeg) return;
    const agent = this.answeredBy?.agentUserId ?? null;
    if (this.kind.type === 'queue') {
      if (agent !== null && this.ctx.events.agentLeft(this.id, agent) === 'keep_caller') {
        // A satisfaction survey follows: only the agent's leg ends; the caller stays on the
        // line until the ACD releases the call.
        if (hungUp !== leg) sendBye(this.ctx.transactions, leg, this.ctx.contact);
        this.agentLeg = undefined;
        return;
      }
    } else {
      this.ctx.events.directCallChanged(this.kind.direct, 'ended', 'callee');
    }
    this.teardown(hungUp);
  }

  /** Ends every leg except `from` (the one whose hang-up we are relaying). */
  private teardown(from: Leg | undefined): void {
    if (this.state === 'ended') return;
    for (const offer of this.offers) {
      offer.withdrawn = true;
      for (const fork of offer.forks) this.cancelFork(fork);
    }
    if (this.state === 'bridged' || this.state === 'parked') {
      if (from !== this.callerLeg) sendBye(this.ctx.transactions, this.callerLeg, this.callerLeg.connection.contact ?? this.ctx.contact);
      if (this.agentLeg && from !== this.agentLeg) sendBye(this.ctx.transactions, this.agentLeg, this.ctx.contact);
    }
    this.end();
  }

  private end(): void {
    this.state = 'ended';
    this.anchor?.release();
    this.acks.clear();
    this.ctx.ended(this);
  }

  cancelFork(fork: Fork): void {
    if ((fork.state !== 'calling' && fork.state !== 'early') || fork.cancelSent) return;
    fork.cancelSent = true;
    sendCancel(this.ctx.transactions, fork);
  }
}
