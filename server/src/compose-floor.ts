// The composition root's floor part: a supervisor's actions (supervision/floor-actions) over
// the live call center (acd), through the narrow LiveFloor port. Part of the root with
// compose.ts: features never import it.
import type { AgentRegistry } from './acd/agent-registry.js';
import type { CallCenter } from './acd/call-center.js';
import type { KefuIo } from './platform/realtime/socket-server.js';
import type { Services } from './compose-services.js';
import { FloorActionsService } from './supervision/floor-actions/floor-actions.service.js';
import { FloorPeopleRepository } from './supervision/floor-actions/data/floor-people.repository.js';
import type { LiveFloor } from './supervision/floor-actions/floor-ports.js';
import { socketFloorNotifier } from './supervision/floor-actions/socket/socket-floor-notifier.js';
import type { Clock } from './platform/clock.js';
import type { Logger } from './platform/logger.js';
import { WaitingCallsFeed } from './supervision/floor-actions/waiting-calls-feed.js';
import { waitingCallList } from './supervision/floor-actions/waiting-call-list.js';
import { socketWaitingCallsNotifier } from './supervision/floor-actions/socket/waiting-calls.handlers.js';
import { MonitoringService } from './supervision/monitoring/monitoring.service.js';
import { socketMonitorNotifier } from './supervision/monitoring/monitor-notifier.js';
import { DEFAULT_MONITORING_POLICY, type MonitoringPolicy } from './supervision/monitoring/rules/monitor-policy.js';

/** The ACD's live state and moves as the floor's actions see them. */
export function liveFloorOf(callCenter: CallCenter, agents: AgentRegistry): LiveFloor {
  return {
    status(userId) {
      const a = agents.get(userId);
      if (!a) return null;
      const v = agents.view(a);
      return { state: v.state, reason: v.reason, since: v.since, phoneReachable: v.phoneReachable, pending: a.forced?.to ?? null, connected: a.connections > 0 };
    },
    forceNotReady: (userId, reason) => callCenter.floor.forceNotReady(userId, reason),
    logOut: (userId, reason) => callCenter.floor.logOut(userId, reason),
    waitingCalls: () =>
      callCenter.floor.waiting().map((c) => ({
        callId: c.callId,
        interactionId: c.interactionId!,
        queueId: c.queue.id,
        queueName: c.queue.displayName,
        queuedAt: c.queuedAt,
        vip: c.priority > 0,
        ringingAgentId: c.offer?.agentId ?? null,
      })),
    queues: () => callCenter.queueDefinitions().map((q) => ({ id: q.id, name: q.displayName })),
    pull: (callId, to) => callCenter.floor.pull(callId, to),
  };
}

export function createFloorActions(services: Services, callCenter: CallCenter, agents: AgentRegistry, io: () => KefuIo | null): FloorActionsService {
  return new FloorActionsService({
    floor: liveFloorOf(callCenter, agents),
    reasons: services.notReadyReasons,
    people: new FloorPeopleRepository(services.db),
    audit: services.audit,
    notifier: socketFloorNotifier(io),
    clock: services.clock,
  });
}

/** Listening, whispering and barging: the sessions over the call facts, pushed to the two browsers. */
export function createMonitoring(services: Services, clock: Clock, io: () => KefuIo | null, policy: MonitoringPolicy | undefined, log: Logger): MonitoringService {
  return new MonitoringService({
    people: new FloorPeopleRepository(services.db),
    audit: services.audit,
    notifier: socketMonitorNotifier(io),
    clock,
    log,
    policy: policy ?? DEFAULT_MONITORING_POLICY,
  });
}

/** The Floor page's waiting calls, pushed after the call facts that change them. */
export function createWaitingCallsFeed(callCenter: CallCenter, agents: AgentRegistry, clock: Clock, io: () => KefuIo | null): WaitingCallsFeed {
  return new WaitingCallsFeed({ list: () => waitingCallList(liveFloorOf(callCenter, agents)), clock, notifier: socketWaitingCallsNotifier(io) });
}
