// Wires the running parts together over one HTTP server: the API and console (Express),
// Socket.IO, the SIP switch on /sip, and the call center between the switch and the agents.
// Used by `npm start` and by the integration tests, so tests exercise the real wiring.
import http from 'node:http';
import type { CountryCode } from 'libphonenumber-js';
import { createApp } from './platform/http/app.js';
import type { Logger } from './platform/logger.js';
import { registerAgentDesk } from './cti/socket/agent-desk.handlers.js';
import { socketTelephonyNotifier } from './cti/socket/socket-telephony-notifier.js';
import { socketEscalationAcknowledged } from './cases/socket/socket-escalation-notifier.js';
import { createSocketServer, type KefuIo } from './platform/realtime/socket-server.js';
import { CallLogRepository } from './cti/data/call-log.repository.js';
import { QueueDirectoryRepository } from './acd/data/queue-directory.repository.js';
import type { Services } from './services.js';
import { createSipSwitch, type SipSwitch } from './switch/switch.js';
import { originPolicyFor } from './switch/transport/origin-policy.js';
import { AgentRegistry } from './acd/agent-registry.js';
import { CallCenter } from './acd/call-center.js';
import { systemClock, type Clock } from './platform/clock.js';
import { SerialQueue } from './platform/serial-queue.js';
import { DispositionRepository } from './cti/data/disposition.repository.js';
import { SlaScheduler } from './cases/sla-scheduler.js';
import { WrapUpService } from './cti/wrap-up.service.js';
import { userRoom } from './platform/realtime/socket-server.js';

export interface ComposeOptions {
  log: Logger;
  secureCookies: boolean;
  sessionTtlMs: number;
  consoleDir: string | null;
  publicUrl: string | null;
  sipDomain: string;
  sipWsUrl?: string | null;
  /** Web pages allowed on the SIP WebSocket; unset: the server's own (see originPolicyFor). */
  sipAllowedOrigins?: readonly string[] | null;
  defaultRegion: CountryCode;
  demo: boolean;
  clock?: Clock;
  /** How often the SLA sweep runs; 0 leaves it to the caller (tests sweep by hand). */
  slaSweepMs?: number;
}

export interface ComposedServer {
  server: http.Server;
  io: KefuIo;
  sipSwitch: SipSwitch;
  callCenter: CallCenter;
  slaScheduler: SlaScheduler;
  /** Loads queues and agents, closes calls a crash left open; call before listening. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function composeServer(services: Services, o: ComposeOptions): ComposedServer {
  const clock = o.clock ?? systemClock;
  let io: KefuIo | null = null;
  let sipSwitch: SipSwitch | null = null;
  const notifier = socketTelephonyNotifier(() => io);
  const callLog = new CallLogRepository(services.db);
  const agents = new AgentRegistry(
    callLog,
    new SerialQueue((err) => o.log.error({ err }, 'agent state write failed')),
    notifier,
    clock,
  );
  const callCenter = new CallCenter({
    directory: new QueueDirectoryRepository(services.db),
    callLog,
    agents,
    notifier,
    clock,
    log: o.log.child({ module: 'call-center' }),
    screenPop: (n) => services.customers.offerScreenPop(n),
    agentScreenPop: (agentId, n) => services.customers.screenPopAs(agentId, n),
    outboundLogged: (agentId, e164, interactionId) => services.caseWorkflow.tieDialledCall(agentId, e164, interactionId),
    lowCsat: (interactionId, score) => services.caseWorkflow.lowCsatFollowUp(interactionId, score),
  });
  const wrapUp = new WrapUpService({ callLog, interactions: services.interactions, dispositions: new DispositionRepository(services.db), agents, shift: () => callCenter.shift });
  const slaScheduler = new SlaScheduler(
    {
      db: services.db,
      sla: services.sla,
      clock,
      log: o.log.child({ module: 'sla' }),
      notifier: { escalationRaised: (userId, view) => io?.to(userRoom(userId)).emit('escalation:raised', view) },
    },
    o.slaSweepMs ?? 0,
  );

  const app = createApp(services, {
    log: o.log,
    secureCookies: o.secureCookies,
    sessionTtlMs: o.sessionTtlMs,
    consoleDir: o.consoleDir,
    softphone: {
      // Routes ask for credentials at request time, after the switch below exists.
      accounts: {
        issue: (a) => sipSwitch!.accounts.issue(a),
        revokeUser: (id) => sipSwitch!.accounts.revokeUser(id),
      },
      sipDomain: o.sipDomain,
      sipWsUrl: o.sipWsUrl ?? null,
      publicUrl: o.publicUrl,
      demo: o.demo,
      normalize: (raw) => services.customers.normalize(raw),
    },
    onSignOut: (sid, userId) => {
      sockets.endSession(sid);
      sipSwitch?.accounts.revokeUser(userId);
    },
    onLocaleSaved: (userId, locale) => {
      sockets.languageSaved(userId, locale).catch((err: unknown) => o.log.error({ err }, 'socket language not updated'));
    },
  });
  // The app must be the server's handler before Socket.IO attaches: Socket.IO wraps the
  // handlers present at that moment, so one added later would also answer /socket.io/.
  const server = http.createServer(app);
  const sockets = createSocketServer(server, services.auth, o.log.child({ module: 'socket' }), [
    (socket, user) =>
      registerAgentDesk(socket, user, { callCenter, agents, callLog, customers: services.customers, wrapUp, log: o.log.child({ module: 'agent-desk' }) }),
  ]);
  io = sockets.io;
  services.escalations.onAcknowledged(socketEscalationAcknowledged(() => io));
  sipSwitch = createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: o.sipDomain,
    defaultRegion: o.defaultRegion,
    events: callCenter,
    log: o.log,
    origins: originPolicyFor(o.sipAllowedOrigins ?? null, o.publicUrl),
  });

  return {
    server,
    io: sockets.io,
    sipSwitch,
    callCenter,
    slaScheduler,
    async start() {
      await callCenter.start(sipSwitch!.control);
      if (o.slaSweepMs) slaScheduler.start();
    },
    async close() {
      await slaScheduler.stop();
      sipSwitch!.close();
      await new Promise<void>((resolve) => {
        sockets.io.close(() => resolve());
        server.closeAllConnections();
      });
      await callCenter.flush();
    },
  };
}
