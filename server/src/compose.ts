// Wires the running parts together over one HTTP server: the API and console (Express),
// Socket.IO, the SIP switch on /sip, and the call center between the switch and the agents.
// Used by `npm start` and by the integration tests, so tests exercise the real wiring.
import http from 'node:http';
import type { CountryCode } from 'libphonenumber-js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import { registerAgentDesk } from './realtime/agent-desk.handlers.js';
import { socketTelephonyNotifier } from './realtime/socket-telephony-notifier.js';
import { createSocketServer, type KefuIo } from './realtime/socket-server.js';
import { CallLogRepository } from './repositories/call-log.repository.js';
import { QueueDirectoryRepository } from './repositories/queue-directory.repository.js';
import type { Services } from './services/services.js';
import { createSipSwitch, type SipSwitch } from './sip/switch.js';
import { AgentRegistry } from './telephony/agent-registry.js';
import { CallCenter } from './telephony/call-center.js';
import { systemClock, type Clock } from './telephony/clock.js';
import { SerialQueue } from './telephony/serial-queue.js';

export interface ComposeOptions {
  log: Logger;
  secureCookies: boolean;
  sessionTtlMs: number;
  consoleDir: string | null;
  publicUrl: string | null;
  sipDomain: string;
  sipWsUrl?: string | null;
  defaultRegion: CountryCode;
  demo: boolean;
  clock?: Clock;
}

export interface ComposedServer {
  server: http.Server;
  io: KefuIo;
  sipSwitch: SipSwitch;
  callCenter: CallCenter;
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
  });

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
  });
  // The app must be the server's handler before Socket.IO attaches: Socket.IO wraps the
  // handlers present at that moment, so one added later would also answer /socket.io/.
  const server = http.createServer(app);
  const sockets = createSocketServer(server, services.auth, o.log.child({ module: 'socket' }), [
    (socket, user) =>
      registerAgentDesk(socket, user, { callCenter, agents, callLog, customers: services.customers, log: o.log.child({ module: 'agent-desk' }) }),
  ]);
  io = sockets.io;
  sipSwitch = createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: o.sipDomain,
    defaultRegion: o.defaultRegion,
    events: callCenter,
    log: o.log,
  });

  return {
    server,
    io: sockets.io,
    sipSwitch,
    callCenter,
    start: () => callCenter.start(sipSwitch!.control),
    async close() {
      sipSwitch!.close();
      await new Promise<void>((resolve) => {
        sockets.io.close(() => resolve());
        server.closeAllConnections();
      });
      await callCenter.flush();
    },
  };
}
