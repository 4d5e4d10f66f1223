import type { Logger } from 'pino';
import type { DirectCall, SwitchEvents } from '../ports.js';
import type { HeaderLine } from '../message/build.js';
import type { Call } from './call.js';
import type { ClientTransactions, TransactionFailure } from './client-transactions.js';
import type { Leg, OutgoingRequest } from './leg.js';

// The data of a call: what it needs from the switch, its states, and its offers and forks.

/** What a call needs from the switch around it. */
export interface CallContext {
  /** Our Contact header value (RFC 7118: the phone routes everything over its one socket). */
  readonly contact: string;
  readonly transactions: ClientTransactions;
  readonly events: SwitchEvents;
  readonly log: Logger;
  /** How long a 2xx we sent waits for its ACK before the call is ended (64*T1). */
  readonly ackTimeoutMs: number;
  /** Makes in-dialog requests on this leg reach the call. */
  indexLeg(leg: Leg, call: Call): void;
  /** The call is over: forget it (its legs stop routing). */
  ended(call: Call): void;
}

/**
 *   waiting ──(an agent leg answers)──▶ bridged ◀──(new agent answers; caller re-INVITEd)──┐
 *      │                                   │   └──(transfer: agent leg released)──▶ parked ┘
 *      └───(cancel, release, failure)──▶ ended ◀──(BYE, release, socket closed, no ACK)
 * A parked call's caller leg is up (answered) with no agent leg: it is being transferred.
 */
export type CallState = 'waiting' | 'bridged' | 'parked' | 'ended';

/** One attempt to reach a phone (one binding) for an offer. */
export interface Fork {
  readonly leg: Leg;
  readonly invite: OutgoingRequest;
  readonly ruri: string;
  /** To as sent on the INVITE, without tag: a CANCEL must repeat it (§9.1). */
  readonly to: string;
  state: 'calling' | 'early' | 'answered' | 'done';
  cancelSent: boolean;
  outcome: number | TransactionFailure | undefined;
}

/** Ringing one agent (or a directly dialled endpoint) on every phone they registered. */
export interface Offer {
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
