// Which state changes the desk offers from each agent state: the server's transition table
// (server/src/acd/rules/agent-state.ts) seen from the agent's buttons.
import type { AgentStatusView } from '@kefu/contract';

export interface StateMoves {
  ready: boolean;
  notReady: boolean;
}

/**
 * Ready from Not ready or logged out; Not ready from Ready or Not ready (another reason); both
 * in wrap-up (they finish it once a disposition is chosen). Nothing while a call rings or is up:
 * the call decides what comes next. Unknown state: both, and the server has the last word.
 */
export function stateMoves(state: AgentStatusView['state'] | null): StateMoves {
  switch (state) {
    case 'ready':
      return { ready: false, notReady: true };
    case 'not_ready':
    case 'logged_out':
    case 'wrap_up':
    case null:
      return { ready: true, notReady: true };
    case 'ringing':
    case 'on_call':
      return { ready: false, notReady: false };
  }
}
