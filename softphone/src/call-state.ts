import { defineMachine } from './state-machine.js';

/**
 * The state of one call, as the agent sees it.
 *
 * ```txt
 * idle --receive-invite--> incoming --answer--> answering --establish--> active
 * idle --dial--> dialing --progress--> ringing-out --establish--> active
 * dialing --establish--> active             (answered without a provisional response)
 * ringing-out --progress--> ringing-out     (180 then 183, or repeated 180s)
 * active --hold--> held --resume--> active
 * incoming --reject--> ended                the agent declines
 * incoming, answering, dialing, ringing-out, active, held --hangup--> ended   the agent ends it
 * every state but ended --end--> ended      the far end or the network ended it
 * ```
 * Local endings move to `ended` at once, before the BYE/CANCEL/final response is answered, so
 * the agent's screen never waits on the network to clear a call.
 * Mute is not a state: it is a flag that is meaningful in `active` and `held`.
 * `held` means this side put the call on hold (our re-INVITE was accepted); a hold placed by
 * the far end leaves us `active`, because nothing changes for the agent's controls.
 */
export const CALL_STATES = [
  'idle',
  'incoming',
  'answering',
  'dialing',
  'ringing-out',
  'active',
  'held',
  'ended',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** What moves a call: an agent action or a SIP outcome. */
export const CALL_EVENTS = [
  'receive-invite',
  'dial',
  'answer',
  'progress',
  'establish',
  'hold',
  'resume',
  'reject',
  'hangup',
  'end',
] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

export const callMachine = defineMachine<CallState, CallEvent>('call', {
  idle: { 'receive-invite': 'incoming', dial: 'dialing', end: 'ended' },
  incoming: { answer: 'answering', reject: 'ended', hangup: 'ended', end: 'ended' },
  answering: { establish: 'active', hangup: 'ended', end: 'ended' },
  dialing: { progress: 'ringing-out', establish: 'active', hangup: 'ended', end: 'ended' },
  'ringing-out': { progress: 'ringing-out', establish: 'active', hangup: 'ended', end: 'ended' },
  active: { hold: 'held', hangup: 'ended', end: 'ended' },
  held: { resume: 'active', hangup: 'ended', end: 'ended' },
  ended: {},
});

/** Applies `event` to `state`; throws IllegalTransitionError when the table does not allow it. */
export function transitionCall(state: CallState, event: CallEvent): CallState {
  return callMachine.transition(state, event);
}

/** States in which the microphone can be muted and unmuted. */
export function isMutable(state: CallState): boolean {
  return state === 'active' || state === 'held';
}
