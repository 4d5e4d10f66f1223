// A supervisor's forced change of an agent's state (Not ready with a reason, or logged out). It
// is made at once when the agent is between calls (Ready or Not ready). While a call rings, is
// under way or in wrap-up, it waits: the agent is never cut off mid-call, and the change lands
// the moment the call's work ends, in place of the state the agent would otherwise have reached.
import type { AgentState } from '../../../../contract/index.js';
import type { AgentStatus } from './agent-state.js';

export type ForcedState = { to: 'not_ready'; reason: string } | { to: 'logged_out'; reason: string };

/** Whether a forced change can be made now, or must wait for the agent's call to end. */
export function forcedChangeTiming(state: AgentState): 'now' | 'after_call' | 'not_signed_in' {
  if (state === 'logged_out') return 'not_signed_in';
  return state === 'ready' || state === 'not_ready' ? 'now' : 'after_call';
}

/**
 * The state the agent goes to when a change is pending, given the one the state machine chose,
 * and whether the pending change is still waiting. It lands at the first state between calls:
 * Ready becomes the forced state; Not ready takes the supervisor's reason, or becomes logged out;
 * an agent who logs out meanwhile has nothing left to force.
 */
export function withForcedState(next: AgentStatus, pending: ForcedState | null): { status: AgentStatus; pending: ForcedState | null } {
  if (!pending) return { status: next, pending: null };
  if (next.state === 'logged_out') return { status: next, pending: null };
  if (next.state === 'ready' || next.state === 'not_ready') return { status: { state: pending.to, reason: pending.reason }, pending: null };
  return { status: next, pending };
}
