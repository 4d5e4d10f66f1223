// The first offer and answer of a call anchored in the media plane: neither side's SDP reaches
// the other as it is. The agents' phones get the relay's WebRTC offer, and the carrier gets the
// relay's plain-RTP answer for the phone that answered. (Re-INVITEs: mid-call-relay.ts.)
import type { Logger } from 'pino';
import type { Body } from '../message/build.js';
import type { CallState, Offer } from './call-types.js';
import type { MediaAnchor } from './media-anchor.js';

/** What the anchored offer and answer need of their call. */
export interface AnchoredCall {
  readonly state: CallState;
  respondCaller(status: number, reason: string, body?: Body): void;
  release(status: number): void;
}

/**
 * Rings with the relay's offer once it has made one. An offer withdrawn (or a call ended) while
 * the relay answered sent nothing, so there is nothing to cancel; a refused offer ends the call.
 */
export function ringThroughAnchor(call: AnchoredCall, anchor: MediaAnchor, offer: Offer, log: () => Logger, send: (body: Body) => void): void {
  anchor.offerForAgents().then(
    (body) => {
      if (call.state !== 'waiting' || offer.withdrawn) offer.settled = true;
      else send(body);
    },
    (err: unknown) => {
      log().error({ err }, 'Media relay refused the caller\'s offer; ending the call');
      call.release(503);
    },
  );
}

/**
 * Answers the caller with the relay's rewrite of the agent's answer. When the relay refuses it
 * the caller is refused (503) and `refused` ends the agent's side.
 */
export function answerThroughAnchor(
  call: AnchoredCall,
  anchor: MediaAnchor,
  agentAnswer: Body,
  log: () => Logger,
  answered: (body: Body) => void,
  refused: () => void,
): void {
  anchor.towardCaller(agentAnswer).then(
    (body) => {
      if (call.state === 'bridged') answered(body);
    },
    (err: unknown) => {
      log().error({ err }, 'Media relay refused the agent\'s answer; ending the call');
      call.respondCaller(503, 'Service Unavailable');
      refused();
    },
  );
}
