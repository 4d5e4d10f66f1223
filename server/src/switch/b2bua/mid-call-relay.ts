import type { SwitchEvents } from '../ports.js';
import { bodyOf, buildResponse, type HeaderLine } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { ClientTransactions } from './client-transactions.js';
import type { Leg } from './leg.js';
import { ackNon2xx, IGNORE_RESPONSES } from './leg-signalling.js';
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
  /** An answered re-INVITE's offer says whether the call is now on hold. */
  noteHold(onHold: boolean): void;
  /** We sent a 2xx to `leg`'s INVITE with CSeq `cseq`: its ACK must follow (§13.3.1.4). */
  awaitAck(leg: Leg, cseq: number): void;
}

/**
 * Hold/resume: one leg's re-INVITE becomes ours on the other leg, and the answer comes back
 * to the first. One re-INVITE at a time on a call (§14.1): a second one meanwhile gets 491.
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
  const invite = other.request('INVITE', other.connection.contact ?? call.ctx.contact, body);
  const sent = { leg: other, invite, ruri: other.remoteTarget };
  const done = (): void => {
    leg.reinvitePending = other.reinvitePending = false;
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
      leg.connection.send(
        buildResponse(request, 200, 'OK', { headers: [['Contact', leg.connection.contact ?? call.ctx.contact]], ...(answer ? { body: answer } : {}) }),
      );
      call.awaitAck(leg, request.cseq);
      call.noteHold(body ? sdpMeansHold(body.content) : false);
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
