import { buildRequest, newBranch, type Body, type HeaderLine } from '../message/build.js';
import type { SipResponse } from '../message/parse.js';
import type { SipConnection } from '../transport/ws-sip-server.js';

export interface OutgoingRequest {
  readonly raw: string;
  readonly branch: string;
  readonly cseq: number;
  readonly method: string;
}

/**
 * One side of a bridged call: a dialog between the switch and one phone (RFC 3261 §12), with
 * its own Call-ID, tags and CSeq space. The switch is UAS on the caller's leg and UAC on each
 * agent leg; requests for a leg always go over the WebSocket the phone is on.
 */
export class Leg {
  /** Our From (on requests we send), tag included. */
  readonly local: string;
  /** Their address, tag included once known: To on our requests. */
  remote: string;
  /** Where requests go: the phone's Contact URI (a `.invalid` host, routed by `connection`). */
  remoteTarget: string;
  localCseq: number;
  /** Highest CSeq seen from the phone; a lower one is out of order (§12.2.2). */
  remoteCseq: number;
  /** A re-INVITE in progress in either direction on this leg (one at a time, §14.1). */
  reinvitePending = false;

  constructor(
    readonly connection: SipConnection,
    readonly sipCallId: string,
    readonly localTag: string,
    init: { local: string; remote: string; remoteTarget: string; localCseq: number; remoteCseq: number },
  ) {
    this.local = init.local;
    this.remote = init.remote;
    this.remoteTarget = init.remoteTarget;
    this.localCseq = init.localCseq;
    this.remoteCseq = init.remoteCseq;
  }

  /** A 2xx to our INVITE: its To (with the phone's tag) and Contact complete the dialog (§12.1.2). */
  answered(response: SipResponse): void {
    const to = response.getHeader('to');
    if (to) this.remote = to;
    const target = response.contactUri();
    if (target) this.remoteTarget = target;
  }

  /** A new in-dialog request (BYE, re-INVITE, INFO) with the next CSeq. */
  request(method: string, contact: string, body?: Body, headers: readonly HeaderLine[] = []): OutgoingRequest {
    this.localCseq += 1;
    return this.build(method, this.localCseq, newBranch(), contact, body, headers);
  }

  /** ACK for a 2xx: a new transaction with the INVITE's CSeq number (§13.2.2.4). */
  ack2xx(cseq: number, answer?: Body): OutgoingRequest {
    // An answer rides on the ACK when our INVITE carried no offer (a transfer's new leg).
    return this.build('ACK', cseq, newBranch(), undefined, answer, []);
  }

  private build(
    method: string,
    cseq: number,
    branch: string,
    contact: string | undefined,
    body: Body | undefined,
    headers: readonly HeaderLine[],
  ): OutgoingRequest {
    const all: HeaderLine[] = contact ? [['Contact', contact], ...headers] : [...headers];
    const raw = buildRequest({
      method,
      ruri: this.remoteTarget,
      viaHost: this.connection.viaHost,
      viaTransport: this.connection.viaTransport,
      branch,
      from: this.local,
      to: this.remote,
      callId: this.sipCallId,
      cseq,
      headers: all,
      ...(body ? { body } : {}),
    });
    return { raw, branch, cseq, method };
  }

  send(request: OutgoingRequest): boolean {
    return this.connection.send(request.raw);
  }
}
