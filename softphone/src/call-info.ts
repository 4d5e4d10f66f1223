import type { CallState } from './call-state.js';
import type { PartyIdentity } from './call-identity.js';

export type CallDirection = 'inbound' | 'outbound';

/** Why a call ended, from the agent's side. */
export const CALL_END_REASONS = [
  /** The agent hung up an answered call. */
  'local-hangup',
  /** The far end sent BYE. */
  'remote-hangup',
  /** The agent declined a ringing call. */
  'local-reject',
  /** The called party refused our call (busy, declined, not found...): see statusCode. */
  'remote-reject',
  /** The agent gave up on an outbound call before it was answered (CANCEL). */
  'local-cancel',
  /** The caller gave up, or the call was answered elsewhere, before the agent answered. */
  'remote-cancel',
  /** The network or the media failed, or sip.js gave up (timeouts). */
  'failed',
] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

export interface CallEnd {
  readonly reason: CallEndReason;
  readonly statusCode?: number;
  readonly reasonPhrase?: string;
}

/** A snapshot of the call, handed out with every event. Never mutated after it is emitted. */
export interface CallInfo {
  /** Stable id for the UI while the call lasts (sip.js session id: Call-ID plus tag). */
  readonly id: string;
  readonly direction: CallDirection;
  readonly state: CallState;
  readonly muted: boolean;
  /**
   * The other party: P-Asserted-Identity when the network asserted one, otherwise the From
   * header (inbound) or the To header (outbound). This is the caller id to show.
   */
  readonly remote: PartyIdentity;
  /** From (inbound) or To (outbound) as signalled, whatever the asserted identity says. */
  readonly headerIdentity: PartyIdentity;
  readonly assertedIdentity: PartyIdentity | undefined;
  /** SIP Call-ID of the dialog. */
  readonly sipCallId: string;
  /** X-Kefu-Interaction-Id from the INVITE (inbound) or from a response (outbound). */
  readonly interactionId: string | undefined;
  /** X-Kefu-Call-Id, likewise. */
  readonly kefuCallId: string | undefined;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly answeredAt: number | undefined;
  readonly endedAt: number | undefined;
  /** Set once state is `ended`. */
  readonly end: CallEnd | undefined;
}
