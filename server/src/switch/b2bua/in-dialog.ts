// Requests inside a dialog the switch holds, for both kinds of call it owns (the B2BUA's calls
// and the campaign's outbound calls): which call and leg a request belongs to, and how each
// method is answered. The calls differ only in what an ACK and a BYE mean to them.
import { buildResponse } from '../message/build.js';
import type { SipRequest } from '../message/parse.js';
import type { SipConnection } from '../transport/ws-sip-server.js';
import { ALLOW } from './allowed-methods.js';
import type { Leg } from './leg.js';
import { relayInfo, relayReinvite, type BridgedCall } from './mid-call-relay.js';

/** A call that takes requests inside its dialogs. */
export interface DialogOwner {
  inDialog(leg: Leg, request: SipRequest): void;
}

/** What a call does with the two requests whose meaning is its own. */
export interface DialogEnds {
  /** The ACK of a 2xx we sent on `leg` (§13.3.1.4: ours to absorb). */
  ack(leg: Leg, cseq: number): void;
  /** `leg`'s phone hung up (already answered 200). */
  bye(leg: Leg): void;
}

/**
 * Answers one in-dialog request: CSeq order first (§12.2.2), then BYE and ACK as the call says,
 * re-INVITE and INFO relayed to the other leg, OPTIONS answered, anything else refused (501).
 */
export function answerInDialog(call: BridgedCall, leg: Leg, request: SipRequest, ends: DialogEnds): void {
  if (request.method !== 'ACK') {
    // A CANCEL repeats its request's CSeq (§9.1): it is never out of order.
    if (request.cseq <= leg.remoteCseq && request.method !== 'CANCEL') {
      leg.connection.send(buildResponse(request, 500, 'CSeq Out of Order'));
      return;
    }
    leg.remoteCseq = request.cseq;
  }
  switch (request.method) {
    case 'ACK':
      ends.ack(leg, request.cseq);
      return;
    case 'BYE':
      leg.connection.send(buildResponse(request, 200, 'OK'));
      ends.bye(leg);
      return;
    case 'INVITE':
      relayReinvite(call, leg, request);
      return;
    case 'INFO':
      relayInfo(call, leg, request);
      return;
    case 'OPTIONS':
      leg.connection.send(buildResponse(request, 200, 'OK', { headers: [['Allow', ALLOW]] }));
      return;
    default:
      leg.connection.send(buildResponse(request, 501, 'Not Implemented', { headers: [['Allow', ALLOW]] }));
  }
}

const keyOf = (connectionId: string, sipCallId: string, localTag: string | undefined): string => `${connectionId}|${sipCallId}|${localTag}`;

/** How long an ended call's legs stay routable: one transaction timeout (64*T1). */
const LINGER_MS = 32_000;

/** connection|Call-ID|our tag → call and leg: in-dialog requests arrive with our tag in To. */
export class DialogRoutes<C extends DialogOwner> {
  private readonly routes = new Map<string, { call: C; leg: Leg }>();

  add(leg: Leg, call: C): void {
    this.routes.set(keyOf(leg.connection.id, leg.sipCallId, leg.localTag), { call, leg });
  }

  /** Hands a request carrying a To tag to its call; false when no dialog of ours matches. */
  route(connection: SipConnection, request: SipRequest): boolean {
    const found = this.routes.get(keyOf(connection.id, request.callId, request.toTag));
    if (!found) return false;
    found.call.inDialog(found.leg, request);
    return true;
  }

  /**
   * Forgets an ended call's legs, a little later: a BYE or re-INVITE crossing the end still gets
   * an answer (200 or 481) instead of silence. `also` runs then, for the owner's own indexes.
   * Given `of`, a leg that has since moved to another call (a completed consult) keeps its route.
   */
  forgetLater(legs: readonly Leg[], also?: () => void, of?: C): void {
    setTimeout(() => {
      for (const leg of legs) {
        const key = keyOf(leg.connection.id, leg.sipCallId, leg.localTag);
        if (of === undefined || this.routes.get(key)?.call === of) this.routes.delete(key);
      }
      also?.();
    }, LINGER_MS).unref();
  }
}
