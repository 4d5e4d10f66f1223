// Where the two pictures of a call meet. The server pushes the call as it sees it
// (`call:offered` carries the screen-pop, before answer), queue calls and calls outside a
// queue alike; the softphone reports the SIP call this browser rings, answers and holds. They
// are matched by the ids the switch puts on the SIP messages (X-Kefu-Interaction-Id on a queue
// offer, X-Kefu-Call-Id on every call), and either may arrive first.
//
// Plain functions over a plain record, so the rules can be tested without a browser: each
// event gives the next picture, or null when the event is about another call and is dropped.
import type { CallEndedEvent, LiveCallView, ScreenPop } from '@kefu/contract';
import type { CallInfo } from '@kefu/softphone';
import { remoteNumber } from '../phone/remote-number.js';

export type WithdrawnReason = 'timeout' | 'caller_left' | 'rejected' | 'unreachable' | 'consult_ended';

/** An offer that went away before it was answered, and who was calling. */
export interface Withdrawn {
  caller: string;
  reason: WithdrawnReason;
}

export interface CallPicture {
  /** The current (or just ended) call as the server sees it, with its screen-pop. */
  readonly call: LiveCallView | null;
  /** Set when that call ended; it stays on screen for the notes until the next call. */
  readonly ended: CallEndedEvent | null;
  /** The last offer that went away before it was answered. */
  readonly withdrawn: Withdrawn | null;
  /** The SIP call in this browser, while it lasts. */
  readonly softphoneCall: CallInfo | null;
  /** The SIP call that ended last, until the next one. */
  readonly lastSoftphoneCall: CallInfo | null;
}

export const NO_CALL: CallPicture = { call: null, ended: null, withdrawn: null, softphoneCall: null, lastSoftphoneCall: null };

/** The next picture, and whether a different call is now on screen (its pop choices start afresh). */
export interface Moved {
  picture: CallPicture;
  newCall: boolean;
}

export function parseId(v: string | undefined): number | null {
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

// ---- server pushes ---------------------------------------------------------------------

/** `call:offered`: a new call rings for this agent; whatever was on screen gives way. */
export function offered(p: CallPicture, call: LiveCallView): CallPicture {
  return { ...p, call, ended: null, withdrawn: null, lastSoftphoneCall: null };
}

/** `call:offer-withdrawn`: the offer on screen went away unanswered; `caller` is how it was shown. */
export function withdrawn(p: CallPicture, callId: string, reason: WithdrawnReason, caller: string): CallPicture | null {
  if (p.call?.callId !== callId) return null;
  return { ...p, call: null, withdrawn: { caller, reason } };
}

/** `call:updated`: the call moved on (answered, held…), or a call this page had not seen yet. */
export function updated(p: CallPicture, call: LiveCallView): Moved {
  const newCall = p.call?.callId !== call.callId;
  return { picture: { ...p, call, ended: newCall ? null : p.ended }, newCall };
}

/** `call:ended`: the call stays on screen, marked ended, for its notes. */
export function ended(p: CallPicture, e: CallEndedEvent): CallPicture | null {
  if (p.call && p.call.callId !== e.callId) return null;
  return { ...p, ended: e };
}

/** The server's snapshot at connect: its call, or none, which ends a call this page missed. */
export function snapshot(p: CallPicture, call: LiveCallView | null): Moved {
  if (call) return { picture: { ...p, call, ended: null }, newCall: p.call?.callId !== call.callId };
  // It ended while this page was not listening.
  if (p.call && !p.ended && !p.softphoneCall) return { picture: { ...p, call: null }, newCall: false };
  return { picture: p, newCall: false };
}

// ---- the softphone ---------------------------------------------------------------------

/** An INVITE rings in this browser: the previous call's leftovers go. */
export function ringing(p: CallPicture): CallPicture {
  return { ...p, lastSoftphoneCall: null, withdrawn: null };
}

/** The SIP call changed state; an end of some other call than the one on screen is dropped. */
export function sipChanged(p: CallPicture, call: CallInfo): CallPicture | null {
  if (call.state !== 'ended') return { ...p, softphoneCall: call };
  if (p.softphoneCall && p.softphoneCall.id !== call.id) return null;
  return { ...p, softphoneCall: null, lastSoftphoneCall: call };
}

/** Mute changed on the SIP call on screen. */
export function sipMuted(p: CallPicture, call: CallInfo): CallPicture | null {
  return p.softphoneCall?.id === call.id ? { ...p, softphoneCall: call } : null;
}

/** The server's offer on screen is this ringing SIP call (so the push brought its pop). */
export function matchesOffer(p: CallPicture, call: CallInfo): boolean {
  const offer = p.call;
  if (!offer || p.ended) return false;
  if (call.interactionId !== undefined) return String(offer.interactionId) === call.interactionId;
  // The switch did not tag the INVITE: the offer ringing now is this call.
  return offer.state === 'ringing';
}

/**
 * The grace time after an INVITE ran out and no offer came over the socket (another console,
 * a direct call): the page will look the pop up itself. Null when the call is no longer
 * ringing here or the offer did arrive.
 */
export function unoffered(p: CallPicture, call: CallInfo): CallPicture | null {
  if (p.softphoneCall?.id !== call.id || matchesOffer(p, call)) return null;
  const stale = p.call !== null && p.call.callId !== call.kefuCallId;
  return { ...p, call: stale ? null : p.call, ended: null };
}

/** The agent dials out: the screen is cleared for the new call. */
export function dialling(p: CallPicture): CallPicture {
  return { ...p, call: null, ended: null, withdrawn: null, lastSoftphoneCall: null };
}

/** The dial went out; a state change may have told of the call already. */
export function dialled(p: CallPicture, call: CallInfo): CallPicture {
  return !p.softphoneCall || p.softphoneCall.id === call.id ? { ...p, softphoneCall: call } : p;
}

// ---- what the picture says -------------------------------------------------------------

/** The interaction of a SIP call: from its header, or the server's call with the same call id. */
export function interactionOf(p: CallPicture, sip: CallInfo | null): number | null {
  if (!sip) return null;
  return parseId(sip.interactionId) ?? (p.call && sip.kefuCallId === p.call.callId ? p.call.interactionId : null);
}

/** The interaction of this browser's SIP call (the one up, or the last) with that id, once known. */
export function interactionOfSipCall(p: CallPicture, softphoneCallId: string): number | null {
  const sip = [p.softphoneCall, p.lastSoftphoneCall].find((c) => c !== null && c.id === softphoneCallId);
  return sip ? interactionOf(p, sip) : null;
}

/**
 * The interaction of the call on screen (notes and the customer choice go to it). `orphan` is
 * the call in wrap-up that the page knows only from today's calls (after a reload).
 */
export function interactionId(p: CallPicture, orphan: number | null): number | null {
  // A call that went away unanswered has nothing to note or to tie to a customer.
  if (p.withdrawn && !p.call && !p.softphoneCall) return null;
  return p.call?.interactionId ?? interactionOf(p, p.softphoneCall) ?? interactionOf(p, p.lastSoftphoneCall) ?? orphan;
}

/** The call can be linked to a case: the server links only the agent's own calls, which a call becomes when answered or dialled. */
export function canLink(p: CallPicture, interaction: number | null): boolean {
  const ringingHere = p.softphoneCall?.state === 'incoming';
  return interaction !== null && !ringingHere && !(p.call?.state === 'ringing' && !p.softphoneCall);
}

/** A call is ringing or up (for the bar shown on other pages). */
export function onScreen(p: CallPicture): boolean {
  return p.softphoneCall !== null || (p.call !== null && !p.ended);
}

/** Where the call stands, for the one-line summary; the words are the page's. */
export type CallPhase =
  | { kind: 'sip'; state: 'incoming' | 'answering' | 'dialing' | 'ringing-out' | 'active' | 'held' }
  | { kind: 'withdrawn'; withdrawn: Withdrawn }
  | { kind: 'ended'; endReason: string }
  | { kind: 'sip-ended' }
  | { kind: 'offered' }
  | { kind: 'elsewhere' }
  | { kind: 'idle' };

export function phase(p: CallPicture): CallPhase {
  const sp = p.softphoneCall;
  if (sp) {
    switch (sp.state) {
      case 'incoming':
      case 'answering':
      case 'dialing':
      case 'ringing-out':
      case 'active':
      case 'held':
        return { kind: 'sip', state: sp.state };
      default:
        return { kind: 'idle' };
    }
  }
  if (p.withdrawn) return { kind: 'withdrawn', withdrawn: p.withdrawn };
  if (p.ended) return { kind: 'ended', endReason: p.ended.endReason };
  if (p.lastSoftphoneCall) return { kind: 'sip-ended' };
  if (p.call) return p.call.state === 'ringing' ? { kind: 'offered' } : { kind: 'elsewhere' };
  return { kind: 'idle' };
}

/** The number of the other party: the SIP call's, else what the server or the pop says. */
export function callerNumber(p: CallPicture, pop: ScreenPop | null): string {
  // A dial token has no number to show: the server's (masked) one is used.
  const sip = p.softphoneCall ? remoteNumber(p.softphoneCall) : '';
  if (sip) return sip;
  return p.call?.callerNumber ?? pop?.callerNumber ?? (p.lastSoftphoneCall ? remoteNumber(p.lastSoftphoneCall) : '');
}

/** Milliseconds talked on the current call, or null before answer. */
export function talkMs(p: CallPicture, now: number): number | null {
  const sp = p.softphoneCall;
  if (sp?.answeredAt !== undefined && sp.answeredAt !== null) return now - sp.answeredAt;
  const c = p.call;
  if (!sp && c?.answeredAt && !p.ended && (c.state === 'talking' || c.state === 'held')) return now - Date.parse(c.answeredAt);
  return null;
}

/** Milliseconds the SIP call has been ringing here, or null when it is not. */
export function ringMs(p: CallPicture, now: number): number | null {
  const sp = p.softphoneCall;
  return sp?.state === 'incoming' ? now - sp.startedAt : null;
}
