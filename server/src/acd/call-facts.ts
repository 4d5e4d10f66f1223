// What happens to calls and agents, as typed facts in the past tense. The ACD (and the log of
// calls outside a queue) emits them; subscribers act on them: the call-log writer (cti) writes
// the interaction rows off the hot path, and the notifier turns each into the one socket push
// it means. This is the only way from a call fact to a socket emit.
import type { AgentStatusView, EndReason, LiveCallView } from '../../../contract/index.js';
import type { AgentStatus } from './rules/agent-state.js';

export type OfferOutcome = 'answered' | 'missed' | 'rejected' | 'withdrawn' | 'unreachable';
/** Why the agent's console stops ringing (offers that end in an answer are not withdrawn). */
export type WithdrawReason = 'timeout' | 'caller_left' | 'rejected' | 'unreachable' | 'consult_ended';

export type CallFact =
  /** An agent's state changed (the history row, and their console). */
  | { type: 'agent-state-changed'; agentId: number; status: AgentStatus; at: number; view: AgentStatusView }
  /** An agent's phone came or went; their state did not change. */
  | { type: 'agent-reachability-changed'; agentId: number; view: AgentStatusView }
  /** A caller was admitted to a queue under a reserved interaction id. */
  | {
      type: 'call-queued';
      callId: string;
      interactionId: number;
      sipCallId: string;
      callerNumber: string;
      customerId: number | null;
      queueId: number;
      at: number;
    }
  /** A caller found the queue full and heard busy: logged as a call that ended at once. */
  | { type: 'call-refused'; sipCallId: string; callerNumber: string; customerId: number | null; queueId: number; at: number }
  /** A waiting call moved to another queue: its longest wait ran out (overflow), or a supervisor pulled it. */
  | { type: 'call-requeued'; callId: string; interactionId: number; fromQueueId: number; toQueueId: number; by: 'overflow' | 'supervisor'; at: number }
  /** The call rings one agent; `view` is the screen-pop their console shows. */
  | { type: 'call-offered'; callId: string; interactionId: number; agentId: number; at: number; view: LiveCallView }
  /** An offer ended without an answer (the agent's console stops ringing), or by the answer. */
  | { type: 'offer-ended'; callId: string; agentId: number; outcome: OfferOutcome; reason: WithdrawReason | null; at: number }
  | { type: 'call-answered'; callId: string; interactionId: number; agentId: number; at: number; waitSeconds: number; view: LiveCallView }
  | { type: 'call-held'; callId: string; agentId: number; view: LiveCallView }
  | { type: 'call-resumed'; callId: string; agentId: number; view: LiveCallView }
  /** The queue call is over: completed, abandoned by a waiting caller, or busy after the longest wait. */
  | {
      type: 'call-ended';
      callId: string;
      interactionId: number;
      agentId: number | null;
      at: number;
      reason: Extract<EndReason, 'completed' | 'abandoned' | 'busy'>;
      hangupBy: 'customer' | 'agent' | 'system';
      waitSeconds: number;
      talkSeconds: number | null;
      holdSeconds: number;
    }
  /**
   * An agent handed their answered call on (blind transfer): their part ends here (`talkSeconds`
   * of it), and the call rings the target agent or waits in the target queue.
   */
  | {
      type: 'call-transferred';
      callId: string;
      interactionId: number;
      fromAgentId: number;
      kind: 'blind' | 'consult';
      /** A consult: when the agent started it (the caller was on hold from then). */
      consultStartedAt?: number;
      to: { type: 'agent' | 'queue'; id: number };
      reason: string | null;
      /** The transferring agent's notes as the receiving agent sees them. */
      notes: string | null;
      talkSeconds: number;
      at: number;
    }
  /** The next agent answered a transferred call (or its transferring agent, called back). */
  | { type: 'transfer-answered'; callId: string; interactionId: number; agentId: number; at: number; view: LiveCallView }
  /** An agent consults a colleague about their call: the colleague's desk shows the call and its context. */
  | { type: 'consult-offered'; callId: string; interactionId: number; agentId: number; at: number; view: LiveCallView }
  /** The colleague answered the consult call. */
  | { type: 'consult-answered'; callId: string; agentId: number; at: number; view: LiveCallView }
  /** A consult ended without the call being handed over (cancelled, refused, or the call ended). */
  | {
      type: 'consult-ended';
      callId: string;
      interactionId: number;
      fromAgentId: number;
      toAgentId: number;
      toQueueId: number | null;
      reason: string | null;
      startedAt: number;
      at: number;
    }
  /** After-call work ended: the time spent goes on the call. */
  | { type: 'wrap-up-ended'; agentId: number; callId: string | null; interactionId: number; seconds: number; at: number }
  /** A call outside any queue (logged by cti) reached its agent's desk: ringing or under way. */
  | { type: 'direct-call-shown'; callId: string; agentId: number; ringing: boolean; view: LiveCallView }
  | { type: 'direct-call-ended'; callId: string; agentId: number; interactionId: number; reason: EndReason };

export type CallFactListener = (fact: CallFact) => void;

/**
 * Hands each fact to every subscriber, synchronously and in order, so a push made for a fact
 * leaves before whatever the ACD does next (e.g. the INVITE after the offer's pop). A failing
 * subscriber is reported and does not stop the others or the ACD.
 */
export class CallFacts {
  private readonly listeners: CallFactListener[] = [];

  constructor(private readonly onError: (err: unknown, fact: CallFact) => void) {}

  subscribe(listener: CallFactListener): void {
    this.listeners.push(listener);
  }

  emit(fact: CallFact): void {
    for (const l of this.listeners) {
      try {
        l(fact);
      } catch (err) {
        this.onError(err, fact);
      }
    }
  }
}
