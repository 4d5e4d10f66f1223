// The baseline: dispatch as it was before the per-queue indexes (kept verbatim from the old
// server/src/acd/rules/acd-routing.ts and the old CallCenter.dispatch / AgentRegistry.routable),
// so `npm run bench:acd` shows before and after side by side from one run.
import { canTakeOffer, type AgentStatus } from '../../../server/src/acd/rules/agent-state.js';
import type { LiveAgent } from '../../../server/src/acd/agent-registry.js';
import type { LiveCall } from '../../../server/src/acd/live-call.js';
import type { QueueDefinition } from '../../../server/src/acd/data/queue-directory.repository.js';

interface WaitingCall {
  callId: string;
  queueId: number;
  priority: number;
  queuedAt: number;
  beingOffered: boolean;
}
interface AgentSnapshot {
  id: number;
  status: AgentStatus;
  idleSince: number;
  queueIds: ReadonlySet<number>;
  skillIds: ReadonlySet<number>;
}
interface QueueRule {
  id: number;
  skillId: number | null;
}
interface Offer {
  callId: string;
  agentId: number;
}

function byQueueOrder(a: WaitingCall, b: WaitingCall): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || (a.callId < b.callId ? -1 : 1);
}

function eligible(agent: AgentSnapshot, call: WaitingCall, queues: ReadonlyMap<number, QueueRule>): boolean {
  if (!canTakeOffer(agent.status) || !agent.queueIds.has(call.queueId)) return false;
  const skill = queues.get(call.queueId)?.skillId ?? null;
  return skill === null || agent.skillIds.has(skill);
}

function nextOffers(calls: readonly WaitingCall[], agents: readonly AgentSnapshot[], queues: ReadonlyMap<number, QueueRule>): Offer[] {
  const free = agents.filter((a) => canTakeOffer(a.status)).sort((a, b) => a.idleSince - b.idleSince || a.id - b.id);
  const taken = new Set<number>();
  const offers: Offer[] = [];
  for (const call of calls.filter((c) => !c.beingOffered).sort(byQueueOrder)) {
    const agent = free.find((a) => !taken.has(a.id) && eligible(a, call, queues));
    if (!agent) continue;
    taken.add(agent.id);
    offers.push({ callId: call.callId, agentId: agent.id });
  }
  return offers;
}

/** The old AgentRegistry.routable(): a fresh snapshot, with fresh sets, of every agent. */
function routable(agents: readonly LiveAgent[]): AgentSnapshot[] {
  return agents
    .filter((a) => a.reachable)
    .map((a) => ({
      id: a.def.id,
      status: a.status,
      idleSince: a.idleSince,
      queueIds: new Set(a.def.queueIds),
      skillIds: new Set(a.def.skillIds),
    }));
}

/** The old CallCenter.dispatch() routing step over the live calls and agents. */
export function dispatchBefore(calls: Iterable<LiveCall>, agents: readonly LiveAgent[], queues: readonly QueueDefinition[]): Offer[] {
  const waiting: WaitingCall[] = [];
  for (const c of calls) {
    if (c.ended || c.agentId !== null || c.interactionId === null) continue;
    waiting.push({ callId: c.callId, queueId: c.queue.id, priority: c.priority, queuedAt: c.queuedAt, beingOffered: c.offer !== null });
  }
  if (waiting.length === 0) return [];
  const rules = new Map<number, QueueRule>(queues.map((q) => [q.id, { id: q.id, skillId: q.skillId }]));
  return nextOffers(waiting, routable(agents), rules);
}
