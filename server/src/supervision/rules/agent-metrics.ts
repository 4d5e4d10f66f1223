// Per-agent metrics, defined once for the wallboard and the reports: calls handled, average
// handle time, occupancy and the time spent in each state. The calls are folded with the same
// CallTally steps as a queue's (call-metrics.ts); the time comes from the agent's state history.
import { AGENT_STATES, type AgentState } from '../../../../contract/index.js';
import { emptyTally, type CallTally } from './call-metrics.js';

export type StateSeconds = Record<AgentState, number>;

export function noStateTime(): StateSeconds {
  return Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as StateSeconds;
}

export interface AgentTally {
  /** The queue calls the agent answered (only the answered, handled and wrapped steps apply). */
  calls: CallTally;
  /** Milliseconds per state; kept in ms so many short states add up without rounding drift. */
  stateMs: StateSeconds;
}

export function emptyAgentTally(): AgentTally {
  return { calls: emptyTally(), stateMs: noStateTime() };
}

/** Adds the part of a state interval [from, to) that falls inside the window [winFrom, winTo). */
export function addStateTime(t: AgentTally, state: AgentState, from: number, to: number, winFrom: number, winTo: number): void {
  const a = Math.max(from, winFrom);
  const b = Math.min(to, winTo);
  if (b > a) t.stateMs[state] += b - a;
}

/** Time the agent was working calls: on a call (talk and hold) or in after-call work. */
const BUSY: readonly AgentState[] = ['on_call', 'wrap_up'];
/** Time the agent was available to the queues or working: signed in and not Not ready. */
const STAFFED: readonly AgentState[] = ['ready', 'ringing', 'on_call', 'wrap_up'];

/** Occupancy: busy time over staffed time (Not ready and logged out are not staffed). */
export function occupancy(stateMs: StateSeconds): number | null {
  const staffed = STAFFED.reduce((n, s) => n + stateMs[s], 0);
  if (staffed <= 0) return null;
  return BUSY.reduce((n, s) => n + stateMs[s], 0) / staffed;
}

export interface AgentFigures {
  callsHandled: number;
  ahtSeconds: number | null;
  occupancy: number | null;
  /** Whole seconds per state. */
  stateSeconds: StateSeconds;
}

/**
 * The agent's figures over a window of `windowMs`. Time signed out is the window less the time
 * in every other state: before an agent's first sign-in the history has no row at all.
 */
export function agentFigures(t: AgentTally, windowMs: number): AgentFigures {
  const stateSeconds = noStateTime();
  let signedIn = 0;
  for (const s of AGENT_STATES) {
    if (s === 'logged_out') continue;
    stateSeconds[s] = Math.round(t.stateMs[s] / 1000);
    signedIn += t.stateMs[s];
  }
  stateSeconds.logged_out = Math.round(Math.max(0, windowMs - signedIn) / 1000);
  return {
    callsHandled: t.calls.handled,
    ahtSeconds: t.calls.handled > 0 ? t.calls.handleSeconds / t.calls.handled : null,
    occupancy: occupancy(t.stateMs),
    stateSeconds,
  };
}
