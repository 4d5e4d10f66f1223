// What the live floor is built from: the queues and agents it shows (their definitions), and the
// rows of the call log and agent history it is rebuilt from at start-up; plus the floor's own
// record of each queue, agent and call on its way. Types only: floor-state.ts keeps them current.
import type { AgentFloorCall, AgentState } from '../../../contract/index.js';
import type { CallTally, LoggedCall, ServiceLevelSetting } from './rules/call-metrics.js';
import type { AgentTally } from './rules/agent-metrics.js';

export interface FloorQueueDef {
  id: number;
  name: string;
  teamId: number | null;
  serviceLevel: ServiceLevelSetting;
}

export interface FloorAgentDef {
  id: number;
  displayName: string;
  teamId: number | null;
  queueIds: number[];
}

export interface FloorQueue {
  def: FloorQueueDef;
  tally: CallTally;
  /** Callers waiting now: call id → when they entered the queue (ms). */
  waiting: Map<string, number>;
}

export interface FloorAgent {
  def: FloorAgentDef;
  state: AgentState;
  reason: string | null;
  since: number;
  reachable: boolean;
  call: AgentFloorCall | null;
  /** Today's calls, and state time up to `since` (the running state is added when read). */
  tally: AgentTally;
}

/** A queue call on its way: which queue and agent it counts for, and whether it arrived today. */
export interface TrackedCall {
  queueId: number;
  agentId: number | null;
  today: boolean;
  /**
   * Where the caller waits, once moved (overflow, a supervisor's pull); the tallies stay with the
   * queue the call came to, as the call log keeps it.
   */
  waitingIn?: number;
}

/** A state row of the agent history, for the rebuild. */
export interface LoggedAgentState {
  userId: number;
  state: AgentState;
  startedAt: number;
  endedAt: number | null;
}

/** A call row of the log, for the rebuild. */
export interface LoggedQueueCall extends LoggedCall {
  queueId: number;
  agentId: number | null;
}

export type MaskNumber = (n: string) => string;
