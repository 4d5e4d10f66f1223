// Transfers inside the B2BUA. The agent's leg is hung up and the caller stays on the line,
// parked, until another agent's phone answers. The caller's old offer is stale (the previous
// agent's phone answered it), so the new phone gets an INVITE without SDP and makes a fresh
// offer in its 200; that offer goes to the caller in a re-INVITE, and the caller's answer comes
// back to the new phone on the ACK (RFC 3261 §13.2.1: offer in the 2xx, answer in the ACK).
// Media is negotiated end to end anew, browser to browser.
import { bodyOf, type Body } from '../message/build.js';
import type { SipResponse } from '../message/parse.js';
import type { Call } from './call.js';
import type { Fork, NewFork, Offer } from './call-types.js';
import { ackNon2xx, sendBye } from './leg-signalling.js';

/**
 * Hangs up the agent's leg and parks the caller. Refused (false) unless the call is bridged
 * with nothing in flight, and for calls whose media the relay anchors (not supported yet).
 */
export function detachAgent(call: Call): boolean {
  if (call.state !== 'bridged' || !call.agentLeg || call.anchor || call.agentLeg.reinvitePending || call.callerLeg.reinvitePending) return false;
  sendBye(call.ctx.transactions, call.agentLeg, call.ctx.contact);
  call.acks.clear();
  // That agent's offer is over: they may be rung again for this call (a transfer coming back).
  if (call.answeredBy) call.answeredBy.settled = true;
  call.agentLeg = undefined;
  call.answeredBy = undefined;
  call.onHold = false;
  call.state = 'parked';
  return true;
}

/** Rings a party for a parked call, each phone with an INVITE without SDP. */
export function ringParked(call: Call, offer: Offer, forks: readonly NewFork[]): void {
  call.sendForks(offer, forks, undefined, (fork, response) => onParkedForkResponse(call, offer, fork, response));
}

function onParkedForkResponse(call: Call, offer: Offer, fork: Fork, response: SipResponse): void {
  const status = response.statusCode;
  if (status === 100) return;
  if (status < 200) {
    if (fork.state === 'calling') fork.state = 'early';
    if (call.state === 'parked' && !offer.withdrawn && !offer.ringing && offer.agentUserId !== null) {
      offer.ringing = true;
      call.ctx.events.offerRinging(call.id, offer.agentUserId);
    }
    return;
  }
  if (status >= 300) {
    ackNon2xx(fork, response);
    call.settleFork(offer, fork, status);
    return;
  }
  fork.leg.answered(response);
  const phoneOffer = bodyOf(response);
  if (call.state !== 'parked' || offer.withdrawn || fork.cancelSent || !phoneOffer) {
    // Too late (someone else answered, the caller left, the ring was withdrawn), or a 200 with
    // no offer to use: complete the handshake and hang up that phone.
    fork.leg.send(fork.leg.ack2xx(fork.invite.cseq));
    fork.state = 'done';
    sendBye(call.ctx.transactions, fork.leg, call.ctx.contact);
    call.settleFork(offer, fork, status);
    return;
  }
  fork.state = 'answered';
  call.attach(offer, fork);
  reofferCaller(call, offer, fork, phoneOffer);
}

/** The new phone's offer to the caller; the caller's answer goes back on the phone's ACK. */
function reofferCaller(call: Call, offer: Offer, fork: Fork, phoneOffer: Body): void {
  const caller = call.callerLeg;
  caller.reinvitePending = fork.leg.reinvitePending = true;
  const invite = caller.request('INVITE', caller.connection.contact ?? call.ctx.contact, phoneOffer);
  const failed = (): void => {
    caller.reinvitePending = fork.leg.reinvitePending = false;
    fork.leg.send(fork.leg.ack2xx(fork.invite.cseq));
    sendBye(call.ctx.transactions, fork.leg, call.ctx.contact);
    if (call.state !== 'bridged' || call.agentLeg !== fork.leg) return;
    // The caller's phone refused the new media: the call is parked again and the offer fails.
    call.agentLeg = undefined;
    call.answeredBy = undefined;
    call.state = 'parked';
    call.settleFork(offer, fork, 'closed');
  };
  call.ctx.transactions.start(caller.connection, invite.branch, 'INVITE', {
    onResponse: (response) => {
      const status = response.statusCode;
      if (status < 200) return;
      if (status >= 300) {
        ackNon2xx({ leg: caller, invite, ruri: caller.remoteTarget }, response);
        return failed();
      }
      const refreshed = response.contactUri();
      if (refreshed) caller.remoteTarget = refreshed;
      caller.send(caller.ack2xx(invite.cseq));
      caller.reinvitePending = fork.leg.reinvitePending = false;
      fork.leg.send(fork.leg.ack2xx(fork.invite.cseq, bodyOf(response)));
      if (call.state === 'bridged' && call.agentLeg === fork.leg && offer.agentUserId !== null) {
        call.ctx.events.offerAnswered(call.id, offer.agentUserId);
      }
    },
    onFailure: failed,
  });
  caller.send(invite);
}
