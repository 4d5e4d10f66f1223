// Automatic call distribution as a pure function of state: which waiting call goes to which
// agent now. The switch applies the result; nothing here knows about SIP or the database.
//
// The ACD keeps its waiting calls and free agents indexed per queue (see waiting-calls.ts and
// agent-registry.ts), so a dispatch looks only at the heads of the queues that have a free
// agent, never at every agent and every call.
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

/** An agent free to take a call now (Ready, phone reachable), as the router needs them. */
export interface FreeAgent {
  id: number;
  skillIds: ReadonlySet<number>;
  /** The agent's level per queue (1–10); a queue not listed: 1. */
  levels?: ReadonlyMap<number, number>;
}

export interface AgentSnapshot extends FreeAgent {
  status: AgentStatus;
  /** When the agent last became Ready (ms); the longest idle is offered first. */
  idleSince: number;
  queueIds: ReadonlySet<number>;
}

export interface QueueRule {
  id: number;
  /** The skill an agent needs for this queue's calls; null when membership is enough. */
  skillId: number | null;
}

/** One queue's calls waiting for an offer (none ringing), already in queue order. */
export interface QueueLine {
  queue: QueueRule;
  calls: readonly WaitingCall[];
}

export interface Offer {
  callId: string;
  agentId: number;
}

export function byQueueOrder(a: WaitingCall, b: WaitingCall): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || (a.callId < b.callId ? -1 : 1);
}

/** Who is offered first among free agents: the longest idle, then the lowest id. */
export function byIdleOrder(a: { idleSince: number; id: number }, b: { idleSince: number; id: number }): number {
  return a.idleSince - b.idleSince || a.id - b.id;
}

/** The agent's level in a queue: their level in its skill, or the one the queue gives them. */
export function levelIn(agent: Pick<FreeAgent, 'levels'>, queueId: number): number {
  return agent.levels?.get(queueId) ?? 1;
}

/**
 * Who is offered a queue's call first among its free agents: the highest level, then the
 * longest idle, then the lowest id. A higher level always wins, however long a lower one has
 * waited: the queue's best-fitted agents take its calls while they are free.
 */
export function byPreferenceIn(queueId: number) {
  return (a: FreeAgent & { idleSince: number }, b: FreeAgent & { idleSince: number }): number => levelIn(b, queueId) - levelIn(a, queueId) || byIdleOrder(a, b);
}

/**
 * The offers to make now. Calls are served in queue order across all queues (priority, then
 * waiting time); each gets the first eligible agent in the queue's preference order. No agent gets two calls
 * and no call two agents. `freeIn(queueId)` lists the queue's free members in that order
 * (`byPreferenceIn`).
 */
export function nextOffers(lines: readonly QueueLine[], freeIn: (queueId: number) => readonly FreeAgent[]): Offer[] {
  const heads = lines.filter((l) => l.calls.length > 0 && freeIn(l.queue.id).length > 0).map((line) => ({ line, next: 0 }));
  const taken = new Set<number>();
  const offers: Offer[] = [];
  while (heads.length > 0) {
    let best = 0;
    for (let k = 1; k < heads.length; k++) {
      if (byQueueOrder(heads[k]!.line.calls[heads[k]!.next]!, heads[best]!.line.calls[heads[best]!.next]!) < 0) best = k;
    }
    const head = heads[best]!;
    const call = head.line.calls[head.next]!;
    const skill = head.line.queue.skillId;
    const agent = freeIn(head.line.queue.id).find((a) => !taken.has(a.id) && (skill === null || a.skillIds.has(skill)));
    // Eligibility depends on the queue alone: if this call finds nobody, no later call of its
    // queue will; a call in another queue may still be served.
    if (agent) {
      taken.add(agent.id);
      offers.push({ callId: call.callId, agentId: agent.id });
      head.next += 1;
    }
    if (!agent || head.next >= head.line.calls.length) heads.splice(best, 1);
  }
  return offers;
}

/** The same rule over plain lists of calls and agents, indexed on the spot (tests, tools). */
export function nextOffersAmong(
  calls: readonly WaitingCall[],
  agents: readonly AgentSnapshot[],
  queues: ReadonlyMap<number, QueueRule>,
): Offer[] {
  const lines = [...queues.values()].map((queue) => ({
    queue,
    calls: calls.filter((c) => c.queueId === queue.id && !c.beingOffered).sort(byQueueOrder),
  }));
  const free = agents.filter((a) => canTakeOffer(a.status));
  return nextOffers(lines, (queueId) => free.filter((a) => a.queueIds.has(queueId)).sort(byPreferenceIn(queueId)));
}

/** A caller's place in their queue (1 = next), for announcements and the supervisor view. */
export function positionInQueue(callId: string, calls: readonly WaitingCall[]): number | null {
  const call = calls.find((c) => c.callId === callId);
  if (!call) return null;
  return calls.filter((c) => c.queueId === call.queueId).sort(byQueueOrder).indexOf(call) + 1;
}
