// The composition root's socket part: which rooms a signed-in console's socket joins, each with
// what it needs. Each room checks the user's role itself; this only wires them.
import type { Logger } from './platform/logger.js';
import type { SocketFeature } from './platform/realtime/socket-server.js';
import type { Services } from './compose-services.js';
import { registerAgentDesk, type AgentDeskDeps } from './cti/socket/agent-desk.handlers.js';
import { registerCallTransfer } from './cti/socket/transfer.handlers.js';
import { registerCallConsult } from './cti/socket/consult.handlers.js';
import { TransferContextRepository } from './cti/data/transfer-context.repository.js';
import { registerWallboard } from './supervision/socket/wallboard.handlers.js';
import type { FloorService } from './supervision/floor.service.js';
import { registerMonitoring } from './supervision/monitoring/socket/monitoring.handlers.js';
import type { MonitoringService } from './supervision/monitoring/monitoring.service.js';
import { registerCampaignWatch } from './campaigns/socket/campaign-watch.handlers.js';
import type { DialerService } from './campaigns/dialing/dialer.service.js';
import { registerWaitingCalls } from './supervision/floor-actions/socket/waiting-calls.handlers.js';
import type { FloorWaitingCallList } from '../../contract/index.js';

export interface SocketRoomsDeps {
  /** The call center's parts the desk and transfers act on. */
  desk: Pick<AgentDeskDeps, 'callCenter' | 'agents' | 'callLog' | 'callWritten' | 'wrapUp'>;
  floor: FloorService;
  monitoring: MonitoringService;
  dialer: DialerService;
  /** The calls waiting now, as the Floor page lists them. */
  waitingCalls(): FloorWaitingCallList;
  log: Logger;
}

export function socketRooms(services: Services, d: SocketRoomsDeps): SocketFeature[] {
  const audit = services.audit;
  const transferContext = new TransferContextRepository(services.db, services.interactions);
  return [
    (socket, user) =>
      registerAgentDesk(socket, user, {
        ...d.desk,
        interactions: services.interactions,
        customers: services.customers,
        reasons: services.notReadyReasons,
        audit,
        log: d.log.child({ module: 'agent-desk' }),
      }),
    (socket, user) =>
      registerCallTransfer(socket, user, {
        callCenter: d.desk.callCenter,
        agents: d.desk.agents,
        context: transferContext,
        callWritten: d.desk.callWritten,
        log: d.log.child({ module: 'transfer' }),
      }),
    (socket, user) =>
      registerCallConsult(socket, user, {
        callCenter: d.desk.callCenter,
        agents: d.desk.agents,
        context: transferContext,
        callWritten: d.desk.callWritten,
        log: d.log.child({ module: 'consult' }),
      }),
    (socket, user) => registerWallboard(socket, user, { floor: d.floor, audit, log: d.log.child({ module: 'wallboard' }) }),
    (socket, user) => registerMonitoring(socket, user, { monitoring: d.monitoring, audit, log: d.log.child({ module: 'monitoring' }) }),
    (socket, user) => registerCampaignWatch(socket, user, { dialer: d.dialer, audit, log: d.log.child({ module: 'campaign-watch' }) }),
    (socket, user) => registerWaitingCalls(socket, user, { list: d.waitingCalls, audit, log: d.log.child({ module: 'floor-waiting' }) }),
  ];
}
