import type { SwitchEvents } from '../ports.js';
import { bodyOf, buildResponse, type Body, type HeaderLine } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { ClientTransactions } from './client-transactions.js';
import type { Leg } from './leg.js';
import { ackNon2xx, IGNORE_RESPONSES } from './leg-signalling.js';
import type { MediaAnchor } from './media-anchor.js';
import { dtmfFromInfo, sdpMeansHold } from './sdp.js';

/** What the relay needs of the call whose legs it joins. */
export interface BridgedCall {
  readonly id: string;
  readonly callerLeg: Leg;
  readonly ctx: {
    /** Our Contact header value on every leg. */
    readonly contact: string;
    readonly transactions: ClientTransactions;
    readonly events: SwitchEvents;
  };
  /** The leg a request from `leg` goes on to; undefined unless the call is bridged. */
  peerOf(leg: Leg): Leg | undefined;
  /** Set on a trunk call anchored in the media plane: each leg's SDP is rewritten by the relay. */
  readonly anchor?: MediaAnchor | undefined;
  /** An answered re-INVITE's offer (sent by leg `by`) says whether the call is now on hold. */
  noteHold(onHold: boolean, by: Leg): void;
  /** We sent a 2xx to `leg`'s INVITE with CSeq `cseq`: its ACK must follow (§13.3.1.4). */
  awaitAck(leg: Leg, cseq: number): void;
}

/**
 * Hold/resume: one leg's re-INVITE becomes ours on the other leg, and the answer comes back
 * to the first. One re-INVITE at a time on a call (§14.1): a second one meanwhile gets 491.
 * On an anchored call the offer and the answer each pass through the media relay, which
 * writes them for the leg they go to (a browser's SDP never reaches the carrier).
 */
export function relayReinvite(call: BridgedCall, leg: Leg, request: SipRequest): void {
  const other = call.peerOf(leg);
  if (!other || leg.reinvitePending || other.reinvitePending) {
    leg.connection.send(buildResponse(request, 491, 'Request Pending'));
    return;
  }
  const target = request.contactUri();
  if (target) leg.remoteTarget = target; // target refresh (§12.2.2)
  const body = bodyOf(request);
  leg.reinvitePending = other.reinvitePending = true;
  const done = (): void => {
    leg.reinvitePending = other.reinvitePending = false;
  };
  const { anchor } = call;
  const offerer = leg === call.callerLeg ? 'caller' : 'agent';
  if (!anchor || !body) {
    sendReinvite(call, leg, other, request, body, done, async (answer) => answer);
    return;
  }
  anchor.reoffer(offerer, body).then(
    (offer) => {
      // The call may have ended while the relay answered: then there is nobody to ask.
      if (call.peerOf(leg) !== other) {
        done();
        leg.connection.send(buildResponse(request, 481, 'Call/Transaction Does Not Exist'));
        return;
      }
      sendReinvite(call, leg, other, request, offer, done, (answer) => anchor.reanswer(offerer, answer));
    },
    () => {
      done();
      leg.connection.send(buildResponse(request, 488, 'Not Acceptable Here'));
    },
  );
}

function sendReinvite(
  call: BridgedCall,
  leg: Leg,
  other: Leg,
  request: SipRequest,
  offer: Body | undefined,
  done: () => void,
  rewriteAnswer: (answer: Body) => Promise<Body>,
): void {
  const invite = other.request('INVITE', other.connection.contact ?? call.ctx.contact, offer);
  const sent = { leg: other, invite, ruri: other.remoteTarget };
  const held = offer ? sdpMeansHold(bodyOf(request)?.content ?? '') : false;
  const answerFirstLeg = (answer: Body | undefined): void => {
    leg.connection.send(
      buildResponse(request, 200, 'OK', { headers: [['Contact', leg.connection.contact ?? call.ctx.contact]], ...(answer ? { body: answer } : {}) }),
    );
    call.awaitAck(leg, request.cseq);
    call.noteHold(held, leg);
  };
  call.ctx.transactions.start(other.connection, invite.branch, 'INVITE', {
    onResponse: (response) => {
      const status = response.statusCode;
      if (status < 200) return;
      done();
      if (status >= 300) {
        ackNon2xx(sent, response);
        leg.connection.send(buildResponse(request, status, response.reasonPhrase || 'Failed'));
        return;
      }
      const refreshed = response.contactUri();
      if (refreshed) other.remoteTarget = refreshed;
      other.send(other.ack2xx(invite.cseq));
      const answer = bodyOf(response);
      if (!answer) return answerFirstLeg(undefined);
      rewriteAnswer(answer).then(answerFirstLeg, () => {
        // The far leg agreed but the relay could not write its answer for this one: the
        // offerer hears a failure and keeps the session it had (§14.1).
        leg.connection.send(buildResponse(request, 500, 'Media Relay Failed'));
      });
    },
    onFailure: () => {
      done();
      leg.connection.send(buildResponse(request, 408, 'Request Timeout'));
    },
  });
  other.send(invite);
}

/**
 * INFO (DTMF) is answered at once, since the far phone's answer would tell the sender nothing,
 * reported when it carries a caller's digit, and passed on to the other leg when bridged.
 */
export function relayInfo(call: BridgedCall, leg: Leg, request: SipRequest): void {
  leg.connection.send(buildResponse(request, 200, 'OK'));
  if (leg === call.callerLeg) {
    const digit = dtmfFromInfo(request.getHeader('content-type'), request.body);
    if (digit) call.ctx.events.callerDtmf(call.id, digit);
  }
  const other = call.peerOf(leg);
  if (!other) return;
  const headers: HeaderLine[] = [];
  const disposition = request.getHeader('content-disposition');
  if (disposition) headers.push(['Content-Disposition', disposition]);
  const info = other.request('INFO', call.ctx.contact, bodyOf(request), headers);
  call.ctx.transactions.start(other.connection, info.branch, 'INFO', IGNORE_RESPONSES);
  other.send(info);
}
