// The monitoring session's socket commands. The supervisor's page starts, switches and stops a
// session; the agent's console answers or declines the offer it was pushed. The service decides
// who may do what; these only parse and pass on.
import {
  MonitorAnswerCommand,
  MonitorSessionCommand,
  MonitorSetModeCommand,
  MonitorStartCommand,
  type Me,
} from '../../../../../contract/index.js';
import type { Logger } from '../../../platform/logger.js';
import { command } from '../../../platform/realtime/ack.js';
import { socketCommandContext } from '../../../platform/realtime/socket-command-context.js';
import type { KefuSocket } from '../../../platform/realtime/socket-server.js';
import type { AuditRepository } from '../../../identity/data/audit.repository.js';
import type { MonitoringService, MonitorRequester } from '../monitoring.service.js';

export interface MonitoringHandlerDeps {
  monitoring: MonitoringService;
  audit: AuditRepository;
  log: Logger;
}

export function registerMonitoring(socket: KefuSocket, user: Me, d: MonitoringHandlerDeps): void {
  const ctx = socketCommandContext(socket, user, d.audit, d.log);
  const log = ctx.log;
  const requester = (): MonitorRequester => ({
    viewer: { id: user.id, role: user.role, teamId: user.teamId },
    ip: socket.handshake.address ?? null,
    requestId: null,
    socketId: socket.id,
  });
  socket.on('monitor:start', command(MonitorStartCommand, ctx, (p) => d.monitoring.start(requester(), p)));
  socket.on('monitor:set-mode', command(MonitorSetModeCommand, ctx, (p) => d.monitoring.setMode(requester(), p.sessionId, p.mode)));
  socket.on('monitor:stop', command(MonitorSessionCommand, ctx, (p) => d.monitoring.stop(requester(), p.sessionId)));
  socket.on('monitor:answer', command(MonitorAnswerCommand, ctx, (p) => d.monitoring.answer(user.id, socket.id, p.sessionId, p.answer)));
  socket.on('monitor:decline', command(MonitorSessionCommand, ctx, (p) => d.monitoring.decline(user.id, socket.id, p.sessionId)));
  socket.on('disconnect', () => {
    d.monitoring.socketClosed(socket.id).catch((err: unknown) => log.error({ err }, 'could not end monitoring sessions of a closed socket'));
  });
}
