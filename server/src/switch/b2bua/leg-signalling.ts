import { buildRequest } from '../message/build.js';
import type { SipResponse } from '../message/parse.js';
import type { ClientHandlers, ClientTransactions } from './client-transactions.js';
import type { Leg, OutgoingRequest } from './leg.js';

/** For requests whose answer changes nothing (BYE, CANCEL, INFO): only their timers matter. */
export const IGNORE_RESPONSES: ClientHandlers = { onResponse: () => {}, onFailure: () => {} };

/** An INVITE we sent on a leg, as a CANCEL or a non-2xx ACK must repeat it. */
export interface SentInvite {
  readonly leg: Leg;
  readonly invite: OutgoingRequest;
  /** Request-URI of the INVITE: CANCEL and ACK repeat it (§9.1, §17.1.1.3). */
  readonly ruri: string;
}

/**
 * CANCEL of an INVITE we sent, with its branch, Request-URI and tagless To (§9.1). RFC 3261
 * waits for a provisional first because a CANCEL could overtake its INVITE on an unordered
 * transport; a WebSocket is ordered, so it is sent at once.
 */
export function sendCancel(transactions: ClientTransactions, sent: SentInvite & { readonly to: string }): void {
  const { leg, invite } = sent;
  const cancel = buildRequest({
    method: 'CANCEL',
    ruri: sent.ruri,
    viaHost: leg.connection.viaHost,
    viaTransport: leg.connection.viaTransport,
    branch: invite.branch,
    from: leg.local,
    to: sent.to,
    callId: leg.sipCallId,
    cseq: invite.cseq,
  });
  transactions.start(leg.connection, invite.branch, 'CANCEL', IGNORE_RESPONSES);
  leg.connection.send(cancel);
}

/** BYE on a leg whose hang-up nobody waits for: its answer only ends the transaction. */
export function sendBye(transactions: ClientTransactions, leg: Leg, contact: string): void {
  const bye = leg.request('BYE', contact);
  transactions.start(leg.connection, bye.branch, 'BYE', IGNORE_RESPONSES);
  leg.send(bye);
}

/** ACK for a non-2xx final: part of the INVITE transaction, so same branch (§17.1.1.3). */
export function ackNon2xx(sent: SentInvite, response: SipResponse): void {
  const { leg, invite } = sent;
  leg.connection.send(
    buildRequest({
      method: 'ACK',
      ruri: sent.ruri,
      viaHost: leg.connection.viaHost,
      viaTransport: leg.connection.viaTransport,
      branch: invite.branch,
      from: leg.local,
      to: response.getHeader('to') ?? leg.remote,
      callId: leg.sipCallId,
      cseq: invite.cseq,
    }),
  );
}
