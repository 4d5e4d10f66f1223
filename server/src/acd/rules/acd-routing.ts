// Automatic call distribution as a pure function of state: which waiting call goes to which
// agent now. The switch applies the result; nothing here knows about SIP or the database.
import { canTakeOffer, type AgentStatus } from './agent-state.js';

export interface WaitingCall {
  callId: string;
  queueId: number;
  /** Higher goes first: callers of the top value tier get a higher priority. */
  priority: number;
  /** Milliseconds since the epoch; earlier goes first within a priority. */
  queuedAt: number;
  /** True while an offer to some agent is ringing. */
  beingOffered: boolean;
}

export interface AgentSnapshot {
  id: number;
  status: AgentStatus;
  /** When the agent last became Ready (ms); the longest idle is offered first. */
  idleSince: number;
  queueIds: ReadonlySet<number>;
  skillIds: ReadonlySet<number>;
}

export interface QueueRule {
  id: number;
  /** The skill an agent needs for this queue's calls; null when membership is enough. */
  skillId: number | null;
}

export interface Offer {
  callId: string;
  agentId: number;
}

export function byQueueOrder(a: WaitingCall, b: WaitingCall): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || (a.callId < b.callId ? -1 : 1);
}

function eligible(agent: AgentSnapshot, call: WaitingCall, queues: ReadonlyMap<number, QueueRule>): boolean {
  if (!canTakeOffer(agent.status) || !agent.queueIds.has(call.queueId)) return false;
  const skill = queues.get(call.queueId)?.skillId ?? null;
  return skill === null || agent.skillIds.has(skill);
}

/**
 * The offers to make now. Calls are served in queue order (priority, then waiting time); each
 * gets the longest-idle eligible agent. No agent gets two calls and no call two agents.
 */
export function nextOffers(
  calls: readonly WaitingCall[],
  agents: readonly AgentSnapshot[],
  queues: ReadonlyMap<number, QueueRule>,
): Offer[] {
  const free = agents.filter((a) => canTakeOffer(a.status)).sort((a, b) => a.idleSince - b.idleSince || a.id - b.id);
  const taken = new Set<number>();
  const offers: Offer[] = [];
  for (const call of calls.filter((c) => !c.beingOffered).sort(byQueueOrder)) {
    const agent = free.find((a) => !taken.has(a.id) && eligible(a, call, queues));
    if (!agent) continue; // this call waits; a later one in another queue may still be served
    taken.add(agent.id);
    offers.push({ callId: call.callId, agentId: agent.id });
  }
  return offers;
}

/** A caller's place in their queue (1 = next), for announcements and the supervisor view. */
export function positionInQueue(callId: string, calls: readonly WaitingCall[]): number | null {
  const call = calls.find((c) => c.callId === callId);
  if (!call) return null;
  return calls.filter((c) => c.queueId === call.queueId).sort(byQueueOrder).indexOf(call) + 1;
}
