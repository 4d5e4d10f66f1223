// One outbound call the switch placed for a campaign: the lead's leg (we are its UAC, our
// INVITE has no offer), then once the lead answers, the agent's leg (UAC again, with the lead's
// offer). The lead's ACK carries the agent's answer (RFC 3725 flow I), so the lead's 200 waits
// for its ACK until the agent answers or the call is abandoned.
//
//   ringing ──(lead 200)──▶ answered ──connect──▶ connecting ──(agent 200)──▶ bridged
//      │                        │                     │                          │
//      └──(no answer, busy)──▶ ended ◀──(abandon)─────┴──(agent fails, BYE)──────┘
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { HEADER_CALL_ID } from '../../../../contract/sip-headers.js';
import type { DirectCall, SwitchEvents } from '../ports.js';
import { bodyOf, buildRequest, newBranch, type Body, type HeaderLine } from '../message/build.js';
import type { SipRequest, SipResponse } from '../message/parse.js';
import type { ClientTransactions, TransactionFailure } from '../b2bua/client-transactions.js';
import type { Leg, OutgoingRequest } from '../b2bua/leg.js';
import { ackNon2xx, IGNORE_RESPONSES, sendCancel } from '../b2bua/leg-signalling.js';
import { answerInDialog } from '../b2bua/in-dialog.js';
import type { BridgedCall } from '../b2bua/mid-call-relay.js';
import type { AbandonAnnouncer, OutboundCallListener, UnansweredOutcome } from './outbound-ports.js';
import { reasonHeader, rejectingAnswer } from './rejecting-answer.js';

export type OutboundState = 'ringing' | 'answered' | 'connecting' | 'bridged' | 'ended';

export interface OutboundContext {
  readonly contact: string;
  readonly transactions: ClientTransactions;
  readonly events: SwitchEvents;
  readonly log: Logger;
  readonly announce: AbandonAnnouncer | null;
  /** The agent's phone rings at most this long: the lead's 200 waits for its ACK meanwhile. */
  readonly agentRingMs: number;
  /** An answered lead nobody connects or abandons within this long is abandoned. */
  readonly connectGuardMs: number;
  indexLeg(leg: Leg, call: OutboundCall): void;
  ended(call: OutboundCall): void;
}

interface Sent {
  readonly leg: Leg;
  readonly invite: OutgoingRequest;
  readonly ruri: string;
  readonly to: string;
  cancelSent: boolean;
}

/** A 2xx ACK that carries a body (the answer to an offer made in the 200, §13.2.2.4). */
function ackWith(leg: Leg, cseq: number, body: Body | undefined): string {
  return buildRequest({
    method: 'ACK',
    ruri: leg.remoteTarget,
    viaHost: leg.connection.viaHost,
    viaTransport: leg.connection.viaTransport,
    branch: newBranch(),
    from: leg.local,
    to: leg.remote,
    callId: leg.sipCallId,
    cseq,
    ...(body ? { body } : {}),
  });
}

export class OutboundCall implements BridgedCall {
  readonly id = randomUUID();
  state: OutboundState = 'ringing';
  private leadInvite: Sent | undefined;
  private leadOffer: Body | undefined;
  private agent: { sent: Sent; userId: number; direct: DirectCall } | undefined;
  private noAnswer = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The listener has heard the call's end (unanswered or ended): once only. */
  private over = false;

  constructor(
    readonly ctx: OutboundContext,
    /** The lead's leg: "caller" for the mid-call relay (its DTMF is the customer's). */
    readonly callerLeg: Leg,
    readonly leadNumber: string,
    private readonly listener: OutboundCallListener,
  ) {}

  legs(): Leg[] {
    return this.agent ? [this.callerLeg, this.agent.sent.leg] : [this.callerLeg];
  }

  /** Sends the offerless INVITE to the lead and starts the ring timeout. */
  start(headers: readonly HeaderLine[], ringTimeoutMs: number): void {
    const leg = this.callerLeg;
    const invite = leg.request('INVITE', this.ctx.contact, undefined, [[HEADER_CALL_ID, this.id], ...headers]);
    this.leadInvite = { leg, invite, ruri: leg.remoteTarget, to: leg.remote, cancelSent: false };
    this.ctx.indexLeg(leg, this);
    this.ctx.transactions.start(leg.connection, invite.branch, 'INVITE', {
      onResponse: (r) => this.onLeadResponse(r),
      onFailure: (why) => this.onLeadFailed(why),
    });
    this.arm(ringTimeoutMs, () => {
      if (this.state !== 'ringing') return;
      this.noAnswer = true;
      this.cancel(this.leadInvite!);
    });
    if (!leg.send(invite)) this.onLeadFailed('closed');
  }

  /** Rings the agent's phone with the lead's offer; the desk shows the agent's call to the lead. */
  connect(agentUserId: number, agentLeg: Leg, agentNumber: string): void {
    if (this.state !== 'answered') return;
    this.state = 'connecting';
    const direct: DirectCall = { callId: this.id, sipCallId: this.callerLeg.sipCallId, from: { userId: agentUserId, number: agentNumber }, to: { userId: null, number: this.leadNumber } };
    const invite = agentLeg.request('INVITE', this.ctx.contact, this.leadOffer, [[HEADER_CALL_ID, this.id]]);
    const sent: Sent = { leg: agentLeg, invite, ruri: agentLeg.remoteTarget, to: agentLeg.remote, cancelSent: false };
    this.agent = { sent, userId: agentUserId, direct };
    this.ctx.indexLeg(agentLeg, this);
    // The agent's desk moves to the call (and shows the lead's pop) before the phone rings.
    this.ctx.events.directCallChanged(direct, 'started');
    this.ctx.transactions.start(agentLeg.connection, invite.branch, 'INVITE', {
      onResponse: (r) => this.onAgentResponse(r),
      onFailure: () => this.agentFailed(),
    });
    this.arm(this.ctx.agentRingMs, () => {
      if (this.state === 'connecting') this.cancel(sent);
    });
    if (!agentLeg.send(invite)) this.agentFailed();
  }

  /** No agent for the answered lead: the announcement where there is one, then the hang-up. */
  abandon(reason: string): void {
    if (this.state !== 'answered') return;
    this.state = 'ended';
    this.disarm();
    // The lead's offer gets its answer (every stream declined) so the dialog is whole to end it.
    this.callerLeg.connection.send(ackWith(this.callerLeg, this.leadInvite!.invite.cseq, rejectingAnswer(this.leadOffer?.content ?? '')));
    const hangUp = (): void => {
      this.bye(this.callerLeg, [reasonHeader(480, reason)]);
      this.finish('system');
    };
    if (!this.ctx.announce) return hangUp();
    this.ctx.announce({ callId: this.id, sipCallId: this.callerLeg.sipCallId, leadTag: this.callerLeg.localTag }).then(hangUp, (err: unknown) => {
      this.ctx.log.warn({ err, callId: this.id }, 'abandon announcement failed; hanging up');
      hangUp();
    });
  }

  /** Ends the call at whatever stage. */
  hangup(): void {
    switch (this.state) {
      case 'ringing':
        this.noAnswer = true;
        this.cancel(this.leadInvite!);
        return;
      case 'answered':
        return this.abandon('campaign stopped');
      case 'connecting':
        this.cancel(this.agent!.sent);
        return;
      case 'bridged':
        this.bye(this.callerLeg, [reasonHeader(480, 'campaign stopped')]);
        this.bye(this.agent!.sent.leg, []);
        this.reportDirect('ended', 'failed');
        this.finish('system');
        return;
      case 'ended':
        return;
    }
  }

  connectionClosed(connectionId: string): void {
    if (this.state === 'ended') return;
    if (this.callerLeg.connection.id === connectionId) this.leadGone(undefined);
    else if (this.agent?.sent.leg.connection.id === connectionId && this.state === 'bridged') this.agentGone(undefined);
    // A ringing INVITE on a closed connection fails through its transaction.
  }

  inDialog(leg: Leg, request: SipRequest): void {
    answerInDialog(this, leg, request, {
      // The ACK of a relayed re-INVITE's 2xx: nothing waits for it (see awaitAck).
      ack: () => undefined,
      bye: (from) => (from === this.callerLeg ? this.leadGone(from) : this.agentGone(from)),
    });
  }

  // ── BridgedCall (the mid-call relay) ─────────────────────────────────────

  peerOf(leg: Leg): Leg | undefined {
    if (this.state !== 'bridged' || !this.agent) return undefined;
    if (leg === this.callerLeg) return this.agent.sent.leg;
    return leg === this.agent.sent.leg ? this.callerLeg : undefined;
  }

  noteHold(): void {
    // Hold on a campaign call changes nothing the dialer counts.
  }

  awaitAck(): void {
    // The ACK of a relayed re-INVITE's 2xx is absorbed on arrival; a missing one ends nothing.
  }

  // ── the lead's leg ────────────────────────────────────────────────────────

  private onLeadResponse(response: SipResponse): void {
    const status = response.statusCode;
    const sent = this.leadInvite!;
    if (status < 200) return;
    if (status >= 300) {
      ackNon2xx(sent, response);
      return this.unanswered(this.noAnswer || status === 487 || status === 408 || status === 480 ? 'no_answer' : status === 486 || status === 600 || status === 603 ? 'busy' : 'failed');
    }
    sent.leg.answered(response);
    this.leadOffer = bodyOf(response);
    if (this.state !== 'ringing' || sent.cancelSent) {
      // Answered as our CANCEL crossed it: close the dialog again.
      this.callerLeg.connection.send(ackWith(this.callerLeg, sent.invite.cseq, this.leadOffer ? rejectingAnswer(this.leadOffer.content) : undefined));
      this.bye(this.callerLeg, [reasonHeader(480, 'no answer in time')]);
      return this.unanswered('no_answer');
    }
    this.state = 'answered';
    this.arm(this.ctx.connectGuardMs, () => this.abandon('no agent available'));
    this.listener.answered(this.id);
  }

  private onLeadFailed(why: TransactionFailure): void {
    if (this.state === 'ringing') this.unanswered(why === 'timeout' && this.noAnswer ? 'no_answer' : 'failed');
  }

  private unanswered(outcome: UnansweredOutcome): void {
    if (this.over) return;
    this.over = true;
    this.state = 'ended';
    this.disarm();
    this.ctx.ended(this);
    this.listener.unanswered(this.id, outcome);
  }

  private leadGone(hungUp: Leg | undefined): void {
    if (this.state === 'ended' || this.state === 'ringing') return;
    if (this.state === 'connecting') this.cancel(this.agent!.sent);
    if (this.state === 'bridged' && this.agent) this.bye(this.agent.sent.leg, []);
    if (hungUp !== this.callerLeg && this.state !== 'connecting' && this.state !== 'answered') this.bye(this.callerLeg, []);
    this.reportDirect('ended', 'callee');
    this.finish('lead');
  }

  // ── the agent's leg ───────────────────────────────────────────────────────

  private onAgentResponse(response: SipResponse): void {
    const status = response.statusCode;
    const { sent } = this.agent!;
    if (status < 200) return;
    if (status >= 300) {
      ackNon2xx(sent, response);
      return this.agentFailed();
    }
    sent.leg.answered(response);
    sent.leg.send(sent.leg.ack2xx(sent.invite.cseq));
    if (this.state !== 'connecting') {
      // The lead left while the agent's answer crossed our CANCEL.
      this.bye(sent.leg, []);
      return;
    }
    this.state = 'bridged';
    this.disarm();
    this.callerLeg.connection.send(ackWith(this.callerLeg, this.leadInvite!.invite.cseq, bodyOf(response)));
    this.reportDirect('answered');
    this.listener.connected(this.id, this.agent!.userId);
  }

  /** The agent's phone refused, never answered or is gone: the waiting lead is let go. */
  private agentFailed(): void {
    if (this.state !== 'connecting') return;
    this.reportDirect('ended', 'failed');
    this.state = 'answered';
    this.abandon('agent unavailable');
  }

  private agentGone(hungUp: Leg | undefined): void {
    if (this.state !== 'bridged' || !this.agent) return;
    if (hungUp !== this.agent.sent.leg) this.bye(this.agent.sent.leg, []);
    this.bye(this.callerLeg, []);
    this.reportDirect('ended', 'caller');
    this.finish('agent');
  }

  // ── shared ────────────────────────────────────────────────────────────────

  private reportDirect(change: 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void {
    if (this.agent) this.ctx.events.directCallChanged(this.agent.direct, change, endedBy);
  }

  private finish(by: 'lead' | 'agent' | 'system'): void {
    if (this.over) return;
    this.over = true;
    this.state = 'ended';
    this.disarm();
    this.ctx.ended(this);
    this.listener.ended(this.id, by);
  }

  private cancel(sent: Sent): void {
    if (sent.cancelSent) return;
    sent.cancelSent = true;
    sendCancel(this.ctx.transactions, sent);
  }

  private bye(leg: Leg, headers: readonly HeaderLine[]): void {
    const bye = leg.request('BYE', this.ctx.contact, undefined, headers);
    this.ctx.transactions.start(leg.connection, bye.branch, 'BYE', IGNORE_RESPONSES);
    leg.send(bye);
  }

  private arm(ms: number, fire: () => void): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      fire();
    }, ms);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
