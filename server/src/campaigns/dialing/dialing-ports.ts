// What the campaigns' dialer needs from the live floor (the ACD's agents), handed in by the
// composition root as functions: the dialer never drives the ACD, it only reads who is free.

export type FloorAgentState = 'free' | 'busy' | 'away';

export interface AgentFloor {
  /** free: Ready with a phone that can ring; busy: on a call, ringing or in its wrap-up; away: otherwise. */
  stateOf(agentId: number): FloorAgentState;
  /** When the agent last became Ready (ms): the longest idle is connected first. */
  idleSince(agentId: number): number;
}
