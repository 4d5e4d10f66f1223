// The agent state machine. Every change goes through applyAgentEvent(), which refuses moves
// the table does not allow, so an agent can never be offered a call while on another.
//
//   logged_out ──login──▶ not_ready ◀──set_not_ready── ready
//                              │  ▲                       ▲ │
//                     set_ready│  │missed/rejected        │ │offer
//                              ▼  │                       │ ▼
//                            ready ◀──wrap_done──── wrap_up  ringing ──answer──▶ on_call
//                                                    ▲                          │
//                                                    └────────call_ended────────┘
import type { AgentState } from '../../../../contract/index.js';
import { DomainError } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';

export type AgentEvent =
  | { type: 'login' }
  /** `reason`: who logged the agent out when it was not they (a supervisor). */
  | { type: 'logout'; reason?: string }
  | { type: 'set_ready' }
  | { type: 'set_not_ready'; reason: string }
  | { type: 'offer' }
  /** A transfer nobody took comes back to the agent who made it, even in their wrap-up. */
  | { type: 'transfer_recall' }
  | { type: 'dial_out' }
  | { type: 'answer' }
  | { type: 'ring_no_answer' }
  | { type: 'reject' }
  | { type: 'offer_withdrawn' }
  | { type: 'call_ended' }
  /** A colleague's consult call this agent took ended without the caller being handed over. */
  | { type: 'consult_ended' }
  | { type: 'wrap_done'; then: 'ready' | 'not_ready' };

export interface AgentStatus {
  state: AgentState;
  /** Why the agent is Not ready (break, lunch, training, missed…); null in other states. */
  reason: string | null;
}

type Next = (e: AgentEvent) => AgentStatus;

const TABLE: Record<AgentState, Partial<Record<AgentEvent['type'], Next>>> = {
  logged_out: {
    login: () => ({ state: 'not_ready', reason: 'login' }),
  },
  not_ready: {
    set_ready: () => ({ state: 'ready', reason: null }),
    // An agent may call out (a callback, a customer) whether or not they take queue calls.
    dial_out: () => ({ state: 'on_call', reason: null }),
    set_not_ready: (e) => ({ state: 'not_ready', reason: (e as { reason: string }).reason }),
    logout: (e) => ({ state: 'logged_out', reason: (e as { reason?: string }).reason ?? null }),
  },
  ready: {
    set_not_ready: (e) => ({ state: 'not_ready', reason: (e as { reason: string }).reason }),
    offer: () => ({ state: 'ringing', reason: null }),
    dial_out: () => ({ state: 'on_call', reason: null }),
    logout: (e) => ({ state: 'logged_out', reason: (e as { reason?: string }).reason ?? null }),
  },
  ringing: {
    answer: () => ({ state: 'on_call', reason: null }),
    // A missed or rejected offer takes the agent out of rotation until they say they're back.
    ring_no_answer: () => ({ state: 'not_ready', reason: 'missed' }),
    reject: () => ({ state: 'not_ready', reason: 'missed' }),
    // The caller hung up first: nobody's fault, the agent stays available.
    offer_withdrawn: () => ({ state: 'ready', reason: null }),
  },
  on_call: {
    call_ended: () => ({ state: 'wrap_up', reason: null }),
    // Talking to a colleague is no call of one's own: nothing to wrap up.
    consult_ended: () => ({ state: 'ready', reason: null }),
  },
  wrap_up: {
    transfer_recall: () => ({ state: 'ringing', reason: null }),
    wrap_done: (e) =>
      (e as { then: 'ready' | 'not_ready' }).then === 'ready'
        ? { state: 'ready', reason: null }
        : { state: 'not_ready', reason: 'after_call' },
  },
};

export function applyAgentEvent(current: AgentStatus, event: AgentEvent): AgentStatus {
  const next = TABLE[current.state][event.type];
  if (!next) {
    throw new DomainError('CONFLICT', msg('agent.transitionRefused', { state: current.state, event: event.type.replace(/_/g, ' ') }));
  }
  return next(event);
}

export function canTakeOffer(status: AgentStatus): boolean {
  return status.state === 'ready';
}
