import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DirectCall, OfferFailure, SwitchEvents } from '../../telephony/ports.js';
import { bodyOf, buildRequest, buildResponse, type Body, type HeaderLine } from '../message/build.js';
import type { SipRequest, SipResponse } from '../message/parse.js';
import type { ClientTransactions, TransactionFailure } from './client-transactions.js';
import type { Leg, OutgoingRequest } from './leg.js';
import { callerStatusFor, offerFailureFor, worstFailure } from './offer-failure.js';
import { dtmfFromInfo, sdpMeansHold } from './sdp.js';

/** What a call needs from the switch around it. */
export interface CallContext {
  /** Our Contact header value (RFC 7118: the phone routes everything over its one socket). */
  readonly contact: string;
  readonly transactions: ClientTransactions;
  readonly events: SwitchEvents;
  readonly log: Logger;
  /** Makes in-dialog requests on this leg reach the call. */
  indexLeg(leg: Leg, call: Call): void;
  /** The call is over: forget it (its legs stop routing). */
  ended(call: Call): void;
}

/**
 *   waiting ──(an agent leg answers)──▶ bridged
 *      │                                   │
 *      └───(cancel, release, failure)──▶ ended ◀──(BYE, release, socket closed)
 */
export type CallState = 'waiting' | 'bridged' | 'ended';

/** One attempt to reach a phone (one binding) for an offer. */
interface Fork {
  readonly leg: Leg;
  readonly invite: OutgoingRequest;
  readonly inviteRuri: string;
  /** To as sent on the INVITE, without tag: a CANCEL must repeat it (§9.1). */
  readonly inviteTo: string;
  state: 'calling' | 'early' | 'answered' | 'done';
  cancelSent: boolean;
  outcome: number | TransactionFailure | undefined;
}

/** Ringing one agent (or a directly dialled endpoint) on every phone they registered. */
interface Offer {
  readonly agentUserId: number | null;
  readonly forks: Fork[];
  /** Ended by the ACD (withdrawOffer) or because someone else answered: no failure reported. */
  withdrawn: boolean;
  ringing: boolean;
  settled: boolean;
}

export interface NewFork {
  readonly leg: Leg;
  readonly headers: readonly HeaderLine[];
}

export type CallKind = { type: 'queue' } | { type: 'direct'; direct: DirectCall };

/**
 * A call owned by the B2BUA: the caller's leg (we are its UAS) and the agent leg(s) (we are
 * their UAC). Signalling is relayed between the legs; SDP is passed through unchanged.
 */
export class Call {
  readonly id = randomUUID();
  state: CallState = 'waiting';
  private readonly offers: Offer[] = [];
  private agentLeg: Leg | undefined;
  private answeredBy: Offer | undefined;
  private callerFinalSent = false;
  private onHold = false;
  private readonly log: Logger;

  constructor(
    private readonly ctx: CallContext,
    readonly kind: CallKind,
    readonly callerLeg: Leg,
    private readonly callerInvite: SipRequest,
    /** Who is calling, as the agent's phone will show it. */
    readonly caller: { readonly number: string; readonly displayName: string | null },
  ) {
    this.log = ctx.log.child({ callId: this.id });
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
    const headers: HeaderLine[] = status > 100 && status < 300 ? [['Contact', this.ctx.contact]] : [];
    headers.push(['X-Kefu-Call-Id', this.id]);
    this.callerLeg.connection.send(
      buildResponse(this.callerInvite, status, reason, { toTag: this.callerLeg.localTag, headers, ...(body ? { body } : {}) }),
    );
  }

  /** Rings one party on each of its phones. */
  ring(agentUserId: number | null, forks: readonly NewFork[]): void {
    const offer: Offer = { agentUserId, forks: [], withdrawn: false, ringing: false, settled: false };
    this.offers.push(offer);
    const body = this.offerBody;
    for (const { leg, headers } of forks) {
      const invite = leg.request('INVITE', this.ctx.contact, body, headers);
      const fork: Fork = {
        leg,
        invite,
        inviteRuri: leg.remoteTarget,
        inviteTo: leg.remote,
        state: 'calling',
        cancelSent: false,
        outcome: undefined,
      };
      offer.forks.push(fork);
      this.ctx.indexLeg(leg, this);
      this.ctx.transactions.start(leg.connection.id, invite.branch, 'INVITE', {
        onResponse: (response) => this.onForkResponse(offer, fork, response),
        onFailure: (why) => this.onForkDone(offer, fork, why),
      });
      if (!leg.send(invite)) this.onForkDone(offer, fork, 'closed');
    }
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
    if (this.state === 'waiting') this.respondCaller(status, reasonFor(status));
    this.teardown(undefined);
  }

  callerCancelled(): void {
    if (this.state !== 'waiting') return; // too late: already answered (§9.2), BYE will follow
    this.respondCaller(487, 'Request Terminated');
    this.callerGone();
  }

  connectionClosed(connectionId: string): void {
    if (this.state === 'ended') return;
    if (this.callerLeg.connection.id === connectionId) {
      this.callerFinalSent = true; // nobody to answer any more
      this.callerGone();
    } else if (this.agentLeg?.connection.id === connectionId) {
      this.agentGone(this.agentLeg);
    }
    // Ringing forks on that connection fail through their transactions.
  }

  /** A request inside one of our dialogs (the To tag is ours). */
  inDialog(leg: Leg, request: SipRequest): void {
    if (request.method !== 'ACK') {
      if (request.cseq <= leg.remoteCseq && request.method !== 'CANCEL') {
        leg.connection.send(buildResponse(request, 500, 'CSeq Out of Order'));
        return;
      }
      leg.remoteCseq = request.cseq;
    }
    switch (request.method) {
      case 'ACK':
        return; // 2xx ACKs end here: each leg's ACK is ours to send or absorb (§13.3.1.4)
      case 'BYE':
        leg.connection.send(buildResponse(request, 200, 'OK'));
        if (leg === this.callerLeg) {
          if (this.state === 'waiting') this.respondCaller(487, 'Request Terminated');
          this.callerGone();
        }
        else this.agentGone(leg);
        return;
      case 'INVITE':
        this.relayReinvite(leg, request);
        return;
      case 'INFO':
        this.relayInfo(leg, request);
        return;
      case 'OPTIONS':
        leg.connection.send(buildResponse(request, 200, 'OK', { headers: [['Allow', ALLOW]] }));
        return;
      default:
        leg.connection.send(buildResponse(request, 501, 'Not Implemented', { headers: [['Allow', ALLOW]] }));
    }
  }

  private onForkResponse(offer: Offer, fork: Fork, response: SipResponse): void {
    const status = response.statusCode ?? 500;
    if (status === 100) return;
    const to = response.getHeader('to');
    if (status < 200) {
      if (fork.state === 'calling') fork.state = 'early';
      if (to && response.toTag) fork.leg.remote = to;
      if (this.state === 'waiting' && !offer.withdrawn && !offer.ringing) {
        offer.ringing = true;
        this.reportRinging(offer);
      }
      return;
    }
    if (status < 300) {
      if (to) fork.leg.remote = to;
      const target = contactUri(response);
      if (target) fork.leg.remoteTarget = target;
      fork.leg.send(fork.leg.ack2xx(fork.invite.cseq));
      if (this.state !== 'waiting' || offer.withdrawn || fork.cancelSent) {
        // Answered as our CANCEL crossed it, or after someone else answered: hang it up.
        this.log.debug({ status }, 'Late answer on an agent leg; sending BYE');
        fork.state = 'done';
        this.sendBye(fork.leg);
        this.onForkDone(offer, fork, status);
        return;
      }
      fork.state = 'answered';
      this.bridge(offer, fork, response);
      return;
    }
    this.ackNon2xx(fork.leg, fork.invite, fork.inviteRuri, response);
    this.onForkDone(offer, fork, status);
  }

  private onForkDone(offer: Offer, fork: Fork, outcome: number | TransactionFailure): void {
    if (fork.state !== 'answered') fork.state = 'done';
    fork.outcome ??= outcome;
    if (offer.settled || offer.forks.some((f) => f.state === 'calling' || f.state === 'early')) return;
    if (offer.forks.some((f) => f.state === 'answered')) return;
    offer.settled = true;
    if (this.state !== 'waiting' || offer.withdrawn) return;
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

  private bridge(offer: Offer, fork: Fork, response: SipResponse): void {
    this.state = 'bridged';
    this.agentLeg = fork.leg;
    this.answeredBy = offer;
    for (const other of this.offers) {
      for (const f of other.forks) if (f !== fork) this.cancelFork(f);
      if (other !== offer) other.withdrawn = true;
    }
    this.respondCaller(200, 'OK', bodyOf(response));
    if (this.kind.type === 'queue') {
      if (offer.agentUserId !== null) this.ctx.events.offerAnswered(this.id, offer.agentUserId);
    } else {
      this.ctx.events.directCallChanged(this.kind.direct, 'answered');
    }
  }

  private callerGone(): void {
    if (this.state === 'ended') return;
    if (this.kind.type === 'queue') this.ctx.events.callerLeft(this.id);
    else this.ctx.events.directCallChanged(this.kind.direct, 'ended', 'caller');
    this.teardown(this.callerLeg);
  }

  private agentGone(leg: Leg): void {
    if (this.state !== 'bridged' || leg !== this.agentLeg) return;
    const agent = this.answeredBy?.agentUserId ?? null;
    if (this.kind.type === 'queue') {
      if (agent !== null) this.ctx.events.agentLeft(this.id, agent);
    } else {
      this.ctx.events.directCallChanged(this.kind.direct, 'ended', 'callee');
    }
    this.teardown(leg);
  }

  /** Ends every leg except `from` (the one whose hang-up we are relaying). */
  private teardown(from: Leg | undefined): void {
    if (this.state === 'ended') return;
    for (const offer of this.offers) {
      offer.withdrawn = true;
      for (const fork of offer.forks) this.cancelFork(fork);
    }
    if (this.state === 'bridged') {
      if (from !== this.callerLeg) this.sendBye(this.callerLeg);
      if (this.agentLeg && from !== this.agentLeg) this.sendBye(this.agentLeg);
    }
    this.end();
  }

  private end(): void {
    this.state = 'ended';
    this.ctx.ended(this);
  }

  private cancelFork(fork: Fork): void {
    if ((fork.state !== 'calling' && fork.state !== 'early') || fork.cancelSent) return;
    fork.cancelSent = true;
    // RFC 3261 §9.1 waits for a provisional before CANCEL because a CANCEL could overtake its
    // INVITE on an unordered transport; a WebSocket is ordered, so it is sent at once.
    const cancel = buildRequest({
      method: 'CANCEL',
      ruri: fork.inviteRuri,
      viaHost: fork.leg.connection.viaHost,
      branch: fork.invite.branch,
      from: fork.leg.local,
      to: fork.inviteTo,
      callId: fork.leg.sipCallId,
      cseq: fork.invite.cseq,
    });
    this.ctx.transactions.start(fork.leg.connection.id, fork.invite.branch, 'CANCEL', IGNORE);
    fork.leg.connection.send(cancel);
  }

  private sendBye(leg: Leg): void {
    const bye = leg.request('BYE', this.ctx.contact);
    this.ctx.transactions.start(leg.connection.id, bye.branch, 'BYE', IGNORE);
    leg.send(bye);
  }

  /** ACK for a non-2xx final: part of the INVITE transaction, so same branch (§17.1.1.3). */
  private ackNon2xx(leg: Leg, invite: OutgoingRequest, ruri: string, response: SipResponse): void {
    leg.connection.send(
      buildRequest({
        method: 'ACK',
        ruri,
        viaHost: leg.connection.viaHost,
        branch: invite.branch,
        from: leg.local,
        to: response.getHeader('to') ?? leg.remote,
        callId: leg.sipCallId,
        cseq: invite.cseq,
      }),
    );
  }

  /** Hold/resume: one leg's re-INVITE becomes ours on the other leg; the answer comes back. */
  private relayReinvite(leg: Leg, request: SipRequest): void {
    const other = this.otherLeg(leg);
    if (this.state !== 'bridged' || !other) {
      leg.connection.send(buildResponse(request, 491, 'Request Pending'));
      return;
    }
    if (leg.reinvitePending || other.reinvitePending) {
      leg.connection.send(buildResponse(request, 491, 'Request Pending'));
      return;
    }
    const target = contactUri(request);
    if (target) leg.remoteTarget = target; // target refresh (§12.2.2)
    const body = bodyOf(request);
    leg.reinvitePending = other.reinvitePending = true;
    const invite = other.request('INVITE', this.ctx.contact, body);
    const ruri = other.remoteTarget;
    const done = (): void => {
      leg.reinvitePending = other.reinvitePending = false;
    };
    this.ctx.transactions.start(other.connection.id, invite.branch, 'INVITE', {
      onResponse: (response) => {
        const status = response.statusCode ?? 500;
        if (status < 200) return;
        done();
        if (status >= 300) {
          this.ackNon2xx(other, invite, ruri, response);
          leg.connection.send(buildResponse(request, status, response.reasonPhrase || 'Failed'));
          return;
        }
        const refreshed = contactUri(response);
        if (refreshed) other.remoteTarget = refreshed;
        other.send(other.ack2xx(invite.cseq));
        const answer = bodyOf(response);
        leg.connection.send(
          buildResponse(request, 200, 'OK', { headers: [['Contact', this.ctx.contact]], ...(answer ? { body: answer } : {}) }),
        );
        const hold = body ? sdpMeansHold(body.content) : false;
        if (hold !== this.onHold && this.state === 'bridged') {
          this.onHold = hold;
          this.ctx.events.holdChanged(this.id, hold);
        }
      },
      onFailure: () => {
        done();
        leg.connection.send(buildResponse(request, 408, 'Request Timeout'));
      },
    });
    other.send(invite);
  }

  private relayInfo(leg: Leg, request: SipRequest): void {
    // Answered at once: INFO is advisory, and the far phone's answer would tell the sender nothing.
    leg.connection.send(buildResponse(request, 200, 'OK'));
    if (leg === this.callerLeg) {
      const digit = dtmfFromInfo(request.getHeader('content-type'), request.body);
      if (digit) this.ctx.events.callerDtmf(this.id, digit);
    }
    const other = this.otherLeg(leg);
    if (this.state !== 'bridged' || !other) return;
    const body = bodyOf(request);
    const headers: HeaderLine[] = [];
    const disposition = request.getHeader('content-disposition');
    if (disposition) headers.push(['Content-Disposition', disposition]);
    const info = other.request('INFO', this.ctx.contact, body, headers);
    this.ctx.transactions.start(other.connection.id, info.branch, 'INFO', IGNORE);
    other.send(info);
  }

  private otherLeg(leg: Leg): Leg | undefined {
    if (leg === this.callerLeg) return this.agentLeg;
    return leg === this.agentLeg ? this.callerLeg : undefined;
  }
}

export const ALLOW = 'INVITE, ACK, CANCEL, BYE, INFO, OPTIONS';

const IGNORE = { onResponse: () => {}, onFailure: () => {} };

function contactUri(message: SipRequest | SipResponse): string | undefined {
  try {
    const contact = message.parseHeader('contact') as { uri?: { toString(): string } } | undefined;
    return contact?.uri?.toString();
  } catch {
    return undefined;
  }
}

function reasonFor(status: number): string {
  switch (status) {
    case 486:
      return 'Busy Here';
    case 503:
      return 'Service Unavailable';
    default:
      return 'Temporarily Unavailable';
  }
}
