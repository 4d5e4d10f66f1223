// The switch's outbound calls, as the campaigns' dialer sees them: the switch rings a lead's
// number (a phone registered as it) without an offer of its own, and once the lead answers it
// connects the call to an agent's phone with the lead's offer (RFC 3725 flow I: the lead's ACK
// carries the agent's answer). The dialer knows leads and agents, not SIP; the switch knows SIP,
// not leads. Each side can be tested with a fake of the other.

export type UnansweredOutcome = 'no_answer' | 'busy' | 'failed';

/**
 * What happens to one outbound call, told to whoever placed it. Every method MUST return
 * quickly (no awaiting I/O on the switch's path).
 */
export interface OutboundCallListener {
  /** The lead answered: `connect` an agent or `abandon` the call, without delay. */
  answered(callId: string): void;
  /** The lead did not answer (ring timeout), was busy, or could not be reached. */
  unanswered(callId: string, outcome: UnansweredOutcome): void;
  /** The agent's phone answered: the lead and the agent talk. */
  connected(callId: string, agentUserId: number): void;
  /** The call is over, after an answer (`by` who ended it). */
  ended(callId: string, by: 'lead' | 'agent' | 'system'): void;
}

export interface OriginateRequest {
  /** The lead's number, E.164: rung on the phones registered as it. */
  readonly number: string;
  /** The number the lead's phone shows. */
  readonly callerId: string;
  readonly displayName: string | null;
  /** An unanswered call is given up after this long (campaign rules: at least 15 s). */
  readonly ringTimeoutMs: number;
  readonly listener: OutboundCallListener;
}

export interface OutboundDialing {
  /** Rings the lead; the switch's call id, or null at once when nothing can ring that number. */
  originate(request: OriginateRequest): string | null;
  /**
   * Rings the agent's phone with the answered lead's offer; false at once when the call is not
   * waiting for an agent or the agent has no registration. The call shows on the agent's desk as
   * their outbound call to the lead (SwitchEvents.directCallChanged).
   */
  connect(callId: string, agentUserId: number): boolean;
  /**
   * Ends an answered call no agent takes: the lead hears `reason` where a media plane can play it
   * (the `announce` hook), then the call is hung up with the reason in a Reason header.
   */
  abandon(callId: string, reason: string): void;
  /** Ends the call at whatever stage (a campaign stopped). */
  hangup(callId: string): void;
}

/**
 * Plays the abandon message (the caller's identity) to an answered lead before the hang-up; a
 * media plane fills it (none: the call ends at once). Resolves when the message has played.
 */
export type AbandonAnnouncer = (call: { callId: string; sipCallId: string; leadTag: string }) => Promise<void>;
