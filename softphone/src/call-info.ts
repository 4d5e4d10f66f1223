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
  /**
   * The network or the media failed, or sip.js gave up (timeouts), or the far end answered a
   * hold or resume with 481/408, saying the dialog is gone: see statusCode.
   */
  'failed',
] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

/** A provisional response to our INVITE, as the far end sent it: 180 Ringing, 182 Queued, 183... */
export interface ProvisionalResponse {
  readonly statusCode: number;
  readonly reasonPhrase: string;
}

/** What a hold or resume re-INVITE was asking for. */
export type HoldAction = 'hold' | 'resume';

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
  /**
   * Outbound: the latest provisional response, so a caller can tell being queued (182) from
   * the callee ringing (180) while the state says `ringing-out` for both. Inbound: undefined.
   */
  readonly lastProvisional: ProvisionalResponse | undefined;
}
