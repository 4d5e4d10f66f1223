// Completing a consult inside the B2BUA. Two calls meet: the caller's (caller ↔ agent) and the
// agent's consult call (agent ↔ colleague). The agent's two legs are hung up, the colleague's
// leg moves into the caller's call, and their media is joined end to end: the colleague's
// phone gets a re-INVITE without SDP and offers in its 200, that offer goes to the caller in a
// re-INVITE, and the caller's answer goes back to the colleague on the ACK (RFC 3261 §14.1 and
// §13.2.1; the same dance as a blind transfer's ring, on a dialog that is already up).
import { bodyOf } from '../message/build.js';
import type { SipResponse } from '../message/parse.js';
import type { Call } from './call.js';
import type { Fork, Offer } from './call-types.js';
import type { Leg } from './leg.js';
import { ackNon2xx, sendBye } from './leg-signalling.js';

/** Neither call has a re-INVITE in flight, and neither is anchored in the media relay. */
export function canJoin(call: Call, consult: Call): boolean {
  const legs = [call.callerLeg, call.agentLeg, consult.callerLeg, consult.agentLeg];
  if (call.state !== 'bridged' || consult.state !== 'bridged' || call.anchor || consult.anchor) return false;
  return legs.every((leg) => leg !== undefined && !leg.reinvitePending);
}

/**
 * Joins the caller of `call` to the answering party of `consult`. False (nothing done) unless
 * `canJoin`; `joined` hears whether the media was re-negotiated (on false the call is over).
 */
export function joinConsult(call: Call, consult: Call, joined: (ok: boolean) => void): boolean {
  const colleague = consult.agentLeg;
  const theirOffer = consult.answeredBy;
  const fork = theirOffer?.forks.find((f) => f.leg === colleague);
  if (!canJoin(call, consult) || !colleague || !theirOffer || !fork) return false;

  // The agent's phone hears its caller's call end before its consult call, so it does not
  // take the caller off hold in between.
  sendBye(call.ctx.transactions, call.agentLeg!, call.ctx.contact);
  call.acks.clear();
  // The consult call ends without its answering leg, which the caller's call takes over.
  consult.agentLeg = undefined;
  consult.release(480);

  if (call.answeredBy) call.answeredBy.settled = true;
  const offer: Offer = { agentUserId: theirOffer.agentUserId, forks: [fork as Fork], withdrawn: false, ringing: true, settled: true };
  call.offers.push(offer);
  call.agentLeg = colleague;
  call.answeredBy = offer;
  call.onHold = false;
  call.ctx.indexLeg(colleague, call);
  reofferThroughColleague(call, colleague, joined);
  return true;
}

function reofferThroughColleague(call: Call, colleague: Leg, joined: (ok: boolean) => void): void {
  const caller = call.callerLeg;
  const { transactions, contact } = call.ctx;
  caller.reinvitePending = colleague.reinvitePending = true;
  let over = false;
  const finish = (ok: boolean): void => {
    if (over) return;
    over = true;
    caller.reinvitePending = colleague.reinvitePending = false;
    // Half-joined media is no call: both parties are hung up and the ACD told.
    if (!ok && call.state !== 'ended') call.release(480);
    joined(ok);
  };
  const invite = colleague.request('INVITE', contact);
  transactions.start(colleague.connection, invite.branch, 'INVITE', {
    onResponse: (response) => {
      if (response.statusCode < 200) return;
      if (response.statusCode >= 300) {
        ackNon2xx({ leg: colleague, invite, ruri: colleague.remoteTarget }, response);
        return finish(false);
      }
      refreshTarget(colleague, response);
      const theirOffer = bodyOf(response);
      if (!theirOffer || call.state !== 'bridged' || call.agentLeg !== colleague) {
        colleague.send(colleague.ack2xx(invite.cseq));
        return finish(false);
      }
      const toCaller = caller.request('INVITE', caller.connection.contact ?? contact, theirOffer);
      transactions.start(caller.connection, toCaller.branch, 'INVITE', {
        onResponse: (answer) => {
          if (answer.statusCode < 200) return;
          if (answer.statusCode >= 300) {
            ackNon2xx({ leg: caller, invite: toCaller, ruri: caller.remoteTarget }, answer);
            // The colleague's offer stays unanswered: an ACK without an answer ends their side.
            colleague.send(colleague.ack2xx(invite.cseq));
            return finish(false);
          }
          refreshTarget(caller, answer);
          caller.send(caller.ack2xx(toCaller.cseq));
          colleague.send(colleague.ack2xx(invite.cseq, bodyOf(answer)));
          finish(true);
        },
        onFailure: () => {
          colleague.send(colleague.ack2xx(invite.cseq));
          finish(false);
        },
      });
      caller.send(toCaller);
    },
    onFailure: () => finish(false),
  });
  colleague.send(invite);
}

function refreshTarget(leg: Leg, response: SipResponse): void {
  const target = response.contactUri();
  if (target) leg.remoteTarget = target;
}
