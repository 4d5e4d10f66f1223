// What the floor's actions need from the live call center (the ACD), as a narrow port the
// composition root fills; the supervision room knows no ACD internals.
import type { AgentState, FloorNotice } from '../../../../contract/index.js';

export interface LiveAgentStatus {
  state: AgentState;
  reason: string | null;
  since: string;
  phoneReachable: boolean;
  /** A forced change waiting for the agent's call to end. */
  pending: 'not_ready' | 'logged_out' | null;
  /** Whether the agent has a console open (on this server) to show a notice on. */
  connected: boolean;
}

export interface LiveWaitingCall {
  callId: string;
  interactionId: number;
  queueId: number;
  queueName: string;
  queuedAt: number;
  vip: boolean;
  ringingAgentId: number | null;
}

export interface ForcedChange {
  applied: 'now' | 'after_call';
  state: AgentState;
}

export type LivePullTarget = { kind: 'queue'; queueId: number } | { kind: 'agent'; agentId: number; wake: boolean };

export interface LiveFloor {
  /** Null: the user takes no calls (not in the ACD). */
  status(userId: number): LiveAgentStatus | null;
  forceNotReady(userId: number, reason: string): ForcedChange;
  logOut(userId: number, reason: string): ForcedChange;
  waitingCalls(): LiveWaitingCall[];
  queues(): { id: number; name: string }[];
  /** Moves or rings a waiting call; throws a domain error when the ACD's rules refuse it. */
  pull(callId: string, to: LivePullTarget): void;
}

/** Pushes a notice to every console of one user. */
export interface FloorNotifier {
  notice(userId: number, notice: FloorNotice): void;
}
