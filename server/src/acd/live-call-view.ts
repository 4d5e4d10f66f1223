// The call on an agent's desk as their console shows it (LiveCallView), for queue calls and
// calls outside a queue alike: built here only, with its state derived one way.
import { callerNumberOf, type LiveCallView, type ScreenPop } from '../../../contract/index.js';
import type { LiveCall } from './live-call.js';

/** What the view is made of; times in ms since the epoch. */
export interface DeskCall {
  callId: string;
  interactionId: number;
  /** Null for a call outside any queue. */
  queueName: string | null;
  callerNumber: string;
  screenPop: ScreenPop;
  offeredAt: number | null;
  answeredAt: number | null;
  /** How long the phone rings before the offer moves on; null: no limit known. */
  ringSeconds: number | null;
  onHold: boolean;
  /** The call is over and its agent is wrapping it up. */
  ended: boolean;
  transfer?: LiveCallView['transfer'];
  /** Dialled through a dial token: the numbers in the view are masked. */
  numberHidden?: boolean;
}

export function liveCallState(c: Pick<DeskCall, 'ended' | 'answeredAt' | 'onHold'>): LiveCallView['state'] {
  if (c.ended) return 'wrap_up';
  if (c.answeredAt === null) return 'ringing';
  return c.onHold ? 'held' : 'talking';
}

export function liveCallView(c: DeskCall): LiveCallView {
  const state = liveCallState(c);
  return {
    callId: c.callId,
    interactionId: c.interactionId,
    queueName: c.queueName,
    callerNumber: c.callerNumber,
    state,
    offeredAt: c.offeredAt === null ? null : new Date(c.offeredAt).toISOString(),
    answeredAt: c.answeredAt === null ? null : new Date(c.answeredAt).toISOString(),
    ringSeconds: state === 'ringing' ? c.ringSeconds : null,
    screenPop: c.screenPop,
    ...(c.transfer ? { transfer: c.transfer } : {}),
    ...(c.numberHidden ? { numberHidden: true as const } : {}),
  };
}

/** A queue call's view; null until admission has given it its id and pop. */
export function queueCallView(call: LiveCall): LiveCallView | null {
  if (call.interactionId === null || call.screenPop === null) return null;
  return liveCallView({
    callId: call.callId,
    interactionId: call.interactionId,
    queueName: call.queue.displayName,
    callerNumber: callerNumberOf(call.screenPop.normalizedPhone, call.callerNumber),
    screenPop: call.screenPop,
    offeredAt: call.offer?.at ?? null,
    // A transferred call is answered anew by its next agent: their desk counts from then.
    answeredAt: call.transfer ? call.transfer.answeredAt : call.answeredAt,
    ringSeconds: call.queue.ringSeconds,
    onHold: call.holdSince !== null,
    ended: call.ended,
    transfer: call.transfer?.context ?? null,
  });
}
