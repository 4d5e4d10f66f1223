// The narrow interface between the SIP switch (server/src/switch) and the contact-center brain
// (the ACD, server/src/acd; the call log follows the ACD's call facts in server/src/cti). The switch knows SIP and nothing of
// queues or customers; the ACD knows queues, agents and customers and nothing of SIP. Each
// side can be tested with a fake of the other.

/** A caller who dialled a queue (by name, e.g. `support`, or number, e.g. `4008001234`). */
export interface InboundQueueCall {
  /** The switch's own id for this call (stable across both legs), e.g. a UUID. */
  callId: string;
  /** The SIP Call-ID of the caller's leg, kept on the interaction for tracing. */
  sipCallId: string;
  /** The caller id as it arrived (From user or P-Asserted-Identity user), not normalised. */
  callerNumber: string;
  callerDisplayName: string | null;
  /** The dialled queue name or number exactly as in the Request-URI user part. */
  dialled: string;
}

/** The ACD's answer to a new queue call: wait in the queue, or refuse with a SIP status. */
export type QueueAdmission =
  | { outcome: 'queued'; queueName: string }
  | {
      outcome: 'refused';
      status: 404 | 480 | 486 | 503;
      reason: string;
      /** What a caller whose media is anchored hears before the refusal (out of hours, queue full). */
      announce?: 'closed' | 'busy';
    };

export type OfferFailure = 'rejected' | 'unreachable' | 'busy' | 'failed';

/**
 * What the switch reports to the ACD. Implemented by the ACD; called by the switch.
 * Every method MUST return quickly (no awaiting I/O on the switch's path): the ACD queues its
 * own persistence work.
 */
export interface SwitchEvents {
  /** A new call to a queue. The caller leg has had 100 Trying; the switch sends 182 Queued when admitted. */
  queueCallArrived(call: InboundQueueCall): QueueAdmission;
  /** The agent leg of an offer is ringing (180 received from the agent's phone). */
  offerRinging(callId: string, agentUserId: number): void;
  /** The agent answered: both legs are now bridged (media flows browser to browser). */
  offerAnswered(callId: string, agentUserId: number): void;
  /** The agent leg failed: rejected (486/603), unreachable (no registration, 408/480) or other. */
  offerFailed(callId: string, agentUserId: number, why: OfferFailure): void;
  /** The caller hung up (BYE) or cancelled (CANCEL) at any stage. */
  callerLeft(callId: string): void;
  /**
   * The agent hung up a bridged call. 'release' ends the caller's leg too; 'keep_caller' keeps
   * it up (a satisfaction survey follows) until `release`.
   */
  agentLeft(callId: string, agentUserId: number): 'release' | 'keep_caller' | void;
  /** A re-INVITE put the call on hold or took it off (either side). */
  holdChanged(callId: string, onHold: boolean): void;
  /** A DTMF digit from the caller (SIP INFO); RFC 4733 digits travel in media and are not seen. */
  callerDtmf(callId: string, digit: string): void;
  /** An agent's phone registered or its last registration ended (expiry, unregister, socket close). */
  agentReachabilityChanged(agentUserId: number, reachable: boolean): void;
  /**
   * A call between two endpoints, not through a queue: an agent dialling a customer's number
   * (e.g. the web phone registered as that number), or an agent's extension. Reported so the
   * call is logged; the ACD does not route it.
   */
  directCallChanged(call: DirectCall, change: 'started' | 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void;
}

export interface DirectCall {
  callId: string;
  sipCallId: string;
  /** The calling endpoint: a kefu user (agent) or a number-registered phone. */
  from: { userId: number | null; number: string };
  to: { userId: number | null; number: string };
  /**
   * Set on an agent's consult call (their second call, while the caller waits on hold): the
   * switch's id of the caller's call it consults about. Reported to the consult, not logged as
   * a call of its own.
   */
  consultOf?: string;
  /**
   * The caller dialled a one-time dial token, not the number (DialTokenResolver): the number
   * was never shown to them and MUST NOT be shown to them while the call lasts.
   */
  numberHidden?: boolean;
}

/**
 * Turns a dial token (contract/masked-dial.ts) back into the number it stands for, once, for
 * the user it was issued to. MUST answer at once (it is on the switch's path).
 */
export interface DialTokenResolver {
  take(token: string, userId: number | null): string | null;
}

/** SIP accounts are issued by the server to signed-in users (and demo web phones), never typed in. */
export interface SipAccount {
  /** Digest username and the user part of the address of record: an agent's extension, or an E.164 number. */
  username: string;
  password: string;
  /** The kefu user behind it; null for a web phone registered as a caller's number. */
  userId: number | null;
  displayName: string;
}

export interface SipAccountDirectory {
  /** Issues (or re-issues) a password for the account; old passwords stay valid until `revokeUser`. */
  issue(account: Omit<SipAccount, 'password'>): SipAccount;
  /** Ends every credential and registration of a user (sign-out). */
  revokeUser(userId: number): void;
}

/**
 * What the ACD asks of the switch. Implemented by the switch; called by the ACD.
 * Headers passed to `offer` MUST be sent on the INVITE to the agent so the agent's softphone
 * can ask for the screen-pop even when it cannot see the server's Socket.IO push.
 */
export interface CallControl {
  /**
   * Rings the agent's registered phone(s) with the caller's SDP offer. Returns false at once
   * when the agent has no registration (the ACD then tries someone else).
   */
  offer(callId: string, agentUserId: number, headers: { interactionId: number }): boolean;
  /**
   * A transfer: hangs up the answering agent's leg and keeps the caller on the line (parked).
   * A later `offer` rings the next agent and re-negotiates the caller's media with their phone.
   * False when the call cannot be transferred now (not bridged, a re-INVITE in flight, media
   * anchored in the relay).
   */
  detachAgent?(callId: string): boolean;
  /**
   * A consult (switch/b2bua/consult-calls.ts): the agent answering the call may now dial their
   * consult call (an INVITE naming the call in HEADER_CONSULT_OF), which rings `targetUserId`'s
   * phones with `headers`. False when the call cannot be consulted about now (not bridged, a
   * re-INVITE in flight, media anchored in the relay).
   */
  prepareConsult?(callId: string, agentUserId: number, targetUserId: number, headers: { interactionId: number }): boolean;
  /**
   * Completes a consult: the consulting agent's two legs are hung up and the caller is joined
   * to the consulted agent's leg (their media re-negotiated end to end). False when it cannot
   * be done now; `joined` reports whether the re-negotiation worked (false: the call was ended).
   */
  completeConsult?(callId: string, joined: (ok: boolean) => void): boolean;
  /** Ends the consult of that call (its consult call, if dialled, is hung up on both sides). */
  endConsult?(callId: string): void;
  /** Stops ringing the agent (CANCEL); no-op when the offer already ended. */
  withdrawOffer(callId: string, agentUserId: number): void;
  /** Ends the call on every leg: final response to a caller still waiting, BYE when bridged. */
  release(callId: string, status?: 480 | 486 | 503): void;
  /** Whether the agent has at least one live registration. */
  isReachable(agentUserId: number): boolean;
  /**
   * Puts a question or message to a caller whose leg is up (in-dialog SIP MESSAGE, text/plain):
   * the web phone shows it; a media server would play a recording.
   */
  promptCaller(callId: string, text: string): void;
}

/**
 * What a caller hears from the media plane, asked of the switch (implemented by it beside
 * CallControl) by whoever decides it: the queue's announcements.
 */
export interface CallerMedia {
  /**
   * Plays a prompt (or, `repeat`, the hold tune over and over) to a caller whose media is
   * anchored in the media plane; replaces what played before. Resolves with its length in ms,
   * 0 when nothing plays (no media plane, a web caller, the call is over).
   */
  playToCaller(callId: string, prompt: CallerPrompt, repeat?: boolean): Promise<number>;
  /** Stops what `playToCaller` started; no-op when nothing plays. */
  stopPlayingToCaller(callId: string): void;
}

/** Which kind of endpoint a leg's SDP is written for: a browser (WebRTC) or a carrier (plain RTP). */
export type LegKind = 'browser' | 'trunk';

/** A sound the media plane plays to a caller, in the caller's language. */
export type CallerPrompt =
  | { readonly name: 'welcome' | 'music' | 'closed' | 'busy'; readonly language?: string }
  | { readonly name: 'position'; readonly position: number; readonly language?: string };

/**
 * The media plane as the switch sees it (implemented over rtpengine in server/src/media):
 * the SDP of a trunk call is rewritten per leg so its media is anchored in the relay. Keyed by
 * the caller leg's SIP Call-ID and each party's tag (the caller's From tag, and one tag for the
 * agent's side whoever answers).
 */
export interface MediaRelay {
  /** The caller's offer (plain RTP from a carrier) rewritten for a browser (ICE, DTLS-SRTP). */
  offerTowardBrowser(sipCallId: string, callerTag: string, sdp: string): Promise<string>;
  /** The browser's answer rewritten for the carrier (plain RTP/AVP). */
  answerTowardTrunk(sipCallId: string, callerTag: string, agentTag: string, sdp: string): Promise<string>;
  /** A mid-call offer (re-INVITE) from party `fromTag`, rewritten for the other party's kind of leg. */
  reoffer(sipCallId: string, fromTag: string, toTag: string, sdp: string, toward: LegKind): Promise<string>;
  /** The answer to a `reoffer`, rewritten for the offerer's kind of leg. */
  reanswer(sipCallId: string, offererTag: string, answererTag: string, sdp: string, toward: LegKind): Promise<string>;
  /** Plays a prompt to party `hearerTag` (once, or over and over); resolves with its length in ms. */
  play(sipCallId: string, hearerTag: string, prompt: CallerPrompt, repeat: boolean): Promise<number>;
  /** Stops what `play` started for that party; no error when nothing plays. */
  stopPlaying(sipCallId: string, hearerTag: string): Promise<void>;
  /** Keeps party `tag`'s media from the other party (while music plays over it), or lets it through again. */
  block(sipCallId: string, tag: string, blocked: boolean): Promise<void>;
  /** The call is over: free its ports. */
  release(sipCallId: string): Promise<void>;
  /** Starts recording the call (a new file per stretch); `metadata` is written beside it. */
  startRecording(sipCallId: string, metadata: string): Promise<void>;
  /** Ends the stretch being recorded (a pause, or the end of the recording). */
  stopRecording(sipCallId: string): Promise<void>;
}

/**
 * The recording of one call whose media is anchored in the media plane, which writes one file
 * per stretch recorded (a pause is a stop and a later start), named after the SIP Call-ID.
 */
export interface CallRecordingHandle {
  /** The caller leg's SIP Call-ID: the media plane's files are named after it. */
  readonly sipCallId: string;
  /** The caller's media address (host:port) from its SDP: their audio goes on the left channel. */
  readonly callerSource: string | null;
  /** Starts a stretch; rejects with the media plane's reason (the call goes on regardless). */
  start(metadata: string): Promise<void>;
  /** Ends the stretch being recorded. */
  stop(): Promise<void>;
  /** Resolves once the call's media is released: every file of it is complete. */
  readonly released: Promise<void>;
}

/** Asked of the switch by whoever records calls (implemented by it beside CallControl). */
export interface CallRecording {
  /** The recording handle of a call whose media is anchored; null for others (web callers, no media plane). */
  recordingOf(callId: string): CallRecordingHandle | null;
}
