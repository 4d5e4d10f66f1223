// The one composition root: builds every feature's services over one database, then wires the
// running parts together over one HTTP server: the API and console (Express), Socket.IO, the
// SIP switch on /sip, and the call center between the switch and the agents. Used by
// `npm start`, the integration tests and the benchmarks, so they all exercise the real wiring.
// Features never import this file; it imports them.
import { auditRoutes } from './identity/http/audit.routes.js';
import { auditRetentionRoutes } from './identity/http/audit-retention.routes.js';
import { systemClock } from './platform/clock.js';
import { createPeriodicJobs } from './compose-periodic-jobs.js';
import { customerPrivacyRoutes, privacySettingsRoutes } from './customers/privacy/http/privacy.routes.js';
import http from 'node:http';
import { socketTelephonyNotifier } from './cti/socket/socket-telephony-notifier.js';
import { socketEscalationAcknowledged, socketEscalationRaised } from './cases/socket/socket-escalation-notifier.js';
import { createSocketServer, type KefuIo } from './platform/realtime/socket-server.js';
import { shareSocketsThroughRedis, type SharedSockets } from './platform/realtime/redis-adapter.js';
import { createSipSwitch, type SipSwitch } from './switch/switch.js';
import { createCampaignDialing } from './compose-campaign-dialing.js';
import { socketRooms } from './compose-sockets.js';
import type { DialerService } from './campaigns/dialing/dialer.service.js';
import { originPolicyFor } from './platform/http/origin-policy.js';
import { CallCenter } from './acd/call-center.js';
import { SlaScheduler } from './cases/sla-scheduler.js';
import { WrapUpService } from './cti/wrap-up.service.js';
import { createApp } from './platform/http/app.js';
import { buildOpenApi } from './platform/http/openapi.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { INSTALL_HINT, mediaHealth, NO_MEDIA } from './media/media-plane.js';
import { RtpengineRelay } from './media/rtpengine-relay.js';
import { authenticate, sessionToken } from './identity/http/authenticate.js';
import { auditRoleRefusals } from './identity/http/audit-role-refusals.js';
import { authRoutes } from './identity/http/auth.routes.js';
import { directoryRoutes } from './identity/http/directory.routes.js';
import { identityPaths } from './identity/http/openapi-identity.js';
import { administrationPaths } from './administration/http/openapi-administration.js';
import { codeAdministrationPaths } from './administration/http/openapi-code-administration.js';
import { OutboundCallerId } from './administration/outbound-caller-id.js';
import { administrationRoutes } from './compose-administration.js';
import { customerRoutes } from './customers/http/customer.routes.js';
import { customerPaths } from './customers/http/openapi-customers.js';
import { interactionRoutes } from './cti/http/interaction.routes.js';
import { softphoneRoutes } from './cti/http/softphone.routes.js';
import { ctiPaths } from './cti/http/openapi-cti.js';
import { caseRoutes } from './cases/http/case.routes.js';
import { escalationRoutes, followUpRoutes, myWorkRoutes } from './cases/http/work.routes.js';
import { settingsRoutes } from './cases/http/settings.routes.js';
import { reportRoutes } from './cases/http/report.routes.js';
import { casePaths } from './cases/http/openapi-cases.js';
import { BackupService } from './backups/backup.service.js';
import { BackupScheduler } from './backups/backup-scheduler.js';
import { BackupRunRepository } from './backups/data/backup-runs.repository.js';
import { backupRoutes } from './backups/http/backup.routes.js';
import { backupPaths } from './backups/http/openapi-backups.js';
import { socketBackupNotifier } from './backups/socket/socket-backup-notifier.js';
import { backupError } from './backups/backup-error.js';
import { campaignRoutes } from './campaigns/http/campaign.routes.js';
import { dncRoutes } from './campaigns/http/dnc.routes.js';
import { previewRoutes } from './campaigns/http/preview.routes.js';
import { campaignPaths } from './campaigns/http/openapi-campaigns.js';
import { type Services } from './compose-services.js';
import { createCallCenter } from './compose-call-center.js';
import { createFloorActions, createMonitoring, createWaitingCallsFeed } from './compose-floor.js';
import { floorActionRoutes } from './supervision/floor-actions/http/floor-actions.routes.js';
import { floorPaths } from './supervision/floor-actions/http/openapi-floor.js';
import { FloorService } from './supervision/floor.service.js';
import { FloorRepository } from './supervision/data/floor.repository.js';
import { CallReportService } from './supervision/call-report.service.js';
import { callReportRoutes } from './supervision/http/call-report.routes.js';
import { supervisionPaths } from './supervision/http/openapi-supervision.js';
import { socketFloorNotifier } from './supervision/socket/socket-floor-notifier.js';
import { maskPhoneText } from './customers/privacy/rules/phone-mask.js';
import { purchaseRoutes, rfmRoutes, segmentListRoutes, segmentRoutes } from './campaigns/http/segment.routes.js';
import { RfmScheduler } from './campaigns/rfm-scheduler.js';
import { segmentPaths } from './campaigns/http/openapi-segments.js';
import { createRecordings, DEFAULT_RECORDING_RETENTION_DAYS } from './compose-recordings.js';
import { recordingPaths } from './recordings/http/openapi-recordings.js';

export { createServices, sealSensitiveData, type Services } from './compose-services.js';
export { createCallCenter } from './compose-call-center.js';
export type { BackupSetup, ComposeOptions } from './compose-options.js';
import type { BackupSetup, ComposeOptions } from './compose-options.js';


const NO_BACKUP: BackupSetup = {
  schedule: { dir: '', time: null, keep: 1, timeZone: 'Asia/Shanghai' },
  dump: () => Promise.reject(backupError('backup.failed')),
  prune: async () => [],
};

export interface ComposedServer {
  server: http.Server;
  io: KefuIo;
  sipSwitch: SipSwitch;
  callCenter: CallCenter;
  /** The campaigns' progressive and predictive dialers. */
  dialer: DialerService;
  /** The supervisors' live wallboard, fed by the call facts. */
  floor: FloorService;
  slaScheduler: SlaScheduler;
  backups: BackupService;
  backupScheduler: BackupScheduler;
  /** Stored call recordings (list, play, retention) and the idle signal of the recorder. */
  recordings: ReturnType<typeof createRecordings>;
  /** The idle signal of live calls: resolves once every call fact so far is written to the log. */
  callsSettled(): Promise<void>;
  /** Reads queues, members and agents again (routing and the wallboard) after a change in the database. */
  reloadQueues(): Promise<void>;
  /** Loads queues and agents, closes calls a crash left open; call before listening. */
  start(): Promise<void>;
  /** The idle signal of the heartbeat: the beat in flight (and its look for gone servers) is done. */
  serversSettled(): Promise<void>;
  close(): Promise<void>;
}

export function composeServer(services: Services, o: ComposeOptions): ComposedServer {
  const clock = o.clock ?? systemClock;
  let io: KefuIo | null = null;
  let sipSwitch: SipSwitch | null = null;
  const { callCenter, agents, facts, callLog, callsSettled, callWritten, closeInterrupted, closeGone, heartbeat } = createCallCenter(services, {
    clock,
    ...(o.serverId ? { serverId: o.serverId } : {}),
    ...(o.callLogDb ? { callLogDb: o.callLogDb } : {}),
    log: o.log.child({ module: 'call-center' }),
    notifier: socketTelephonyNotifier(() => io),
    control: () => sipSwitch?.control ?? null,
    callerMedia: () => sipSwitch?.callerMedia ?? null,
    ...(o.announcements ? { announcements: o.announcements } : {}),
  });
  const outboundCallerId = new OutboundCallerId(services.db);
  const dialer = createCampaignDialing(services, {
    agents,
    facts,
    clock,
    log: o.log.child({ module: 'dialer' }),
    outbound: () => sipSwitch?.outbound ?? null,
    io: () => io,
    // The site's default outbound number when an admin set one, else the configured one.
    callerId: () => outboundCallerId.current() ?? o.campaignCallerId ?? 'kefu',
  });
  const floorRepo = new FloorRepository(services.db);
  const floor = new FloorService({
    repo: floorRepo,
    clock,
    log: o.log.child({ module: 'wallboard' }),
    dayOf: (at) => services.sla.dayOf(at),
    timeZone: async () => (await services.sla.rules()).calendar.timeZone,
    liveAgents: () => agents.all().map((a) => ({ id: a.id, state: a.status.state, reason: a.status.reason, since: a.since, reachable: a.reachable })),
    mask: maskPhoneText,
    notifier: socketFloorNotifier(() => io),
  });
  facts.subscribe(floor.follow);
  const monitoring = createMonitoring(services, clock, () => io, o.monitoring, o.log.child({ module: 'monitoring' }));
  facts.subscribe(monitoring.follow);
  const waitingCalls = createWaitingCallsFeed(callCenter, agents, clock, () => io);
  facts.subscribe(waitingCalls.follow);
  const callReports = new CallReportService({
    repo: floorRepo,
    audit: services.audit,
    timeZone: async () => (await services.sla.rules()).calendar.timeZone,
    now: () => clock.now(),
  });
  const wrapUp = new WrapUpService({ interactions: services.interactions, dispositions: services.dispositions, agents, shift: () => callCenter.shift, reasons: services.notReadyReasons });
  const slaScheduler = new SlaScheduler(
    {
      db: services.db,
      sla: services.sla,
      clock,
      log: o.log.child({ module: 'sla' }),
      notifier: socketEscalationRaised(() => io),
    },
    o.slaSweepMs ?? 0,
  );

  const backupSetup = o.backup ?? NO_BACKUP;
  const backups = new BackupService({
    runs: new BackupRunRepository(services.db),
    audit: services.audit,
    clock,
    log: o.log.child({ module: 'backup' }),
    notifier: socketBackupNotifier(() => io),
    schedule: backupSetup.schedule,
    serverId: o.serverId ?? null,
    dump: backupSetup.dump,
    prune: backupSetup.prune,
  });
  const backupScheduler = new BackupScheduler(backups, clock, o.log.child({ module: 'backup' }));
  const rfmScheduler = new RfmScheduler(services.rfm, clock, services.centerZone, o.log.child({ module: 'rfm' }));

  const softphone = {
    sipDomain: o.sipDomain,
    sipWsUrl: o.sipWsUrl ?? null,
    publicUrl: o.publicUrl,
    demo: o.demo,
    normalize: (raw: string) => services.customers.normalize(raw),
    isStaffNumber: (numbers: string[]) => services.users.isExtension(numbers),
    now: () => clock.now(),
  };
  // Routes ask for credentials at request time, after the switch below exists.
  const sipAccounts = {
    issue: (a: Parameters<SipSwitch['accounts']['issue']>[0]) => sipSwitch!.accounts.issue(a),
    revokeUser: (id: number) => sipSwitch!.accounts.revokeUser(id),
  };
  const signedIn = authenticate(services.auth);
  /** Consoles and phones of a user whose sessions ended: closed on every server, phones dropped. */
  const endUserSessions = (userId: number, keepSessionId?: string): void => {
    sockets.endUser(userId, keepSessionId).catch((err: unknown) => o.log.error({ err }, 'sockets of a revoked user not closed'));
    sipSwitch?.accounts.revokeUser(userId);
  };
  const floorActions = createFloorActions(services, callCenter, agents, () => io);
  const recordings = createRecordings(services, {
    setup: {
      dir: o.media?.recordingDir ?? null,
      retentionDays: o.recordings?.retentionDays ?? DEFAULT_RECORDING_RETENTION_DAYS,
      ...(o.recordings?.keyring ? { keyring: o.recordings.keyring } : {}),
    },
    facts,
    callWritten,
    recording: () => sipSwitch?.recording ?? null,
    io: () => io,
    clock,
    log: o.log,
  });
  // After a change of queues, numbers, skills or agents: routing and the wallboard read them again.
  const routingChanged = async (): Promise<void> => {
    await outboundCallerId.refresh();
    await callCenter.reload();
    await floor.reload();
  };
  const app = createApp({
    log: o.log,
    consoleDir: o.consoleDir,
    openapi: buildOpenApi([identityPaths, customerPaths, ctiPaths, casePaths, administrationPaths, codeAdministrationPaths, backupPaths, campaignPaths, supervisionPaths, floorPaths, segmentPaths, recordingPaths]),
    api: [
      ['/health', healthRoutes(services.db, () => mediaHealth(o.media ?? NO_MEDIA))],
      [
        '/auth',
        authRoutes(services.auth, services.users, o, (sid, userId) => {
          sockets.endSession(sid);
          sipSwitch?.accounts.revokeUser(userId);
        }, (userId, locale) => {
          sockets.languageSaved(userId, locale).catch((err: unknown) => o.log.error({ err }, 'socket language not updated'));
        }, (userId, keptSessionId) => endUserSessions(userId, keptSessionId)),
      ],
      ...administrationRoutes(services, { demo: o.demo, signedIn, sessionsEnded: (userId) => endUserSessions(userId), routingChanged }),
      ['/customers', signedIn, customerRoutes(services.customers)],
      [
        '/customers',
        signedIn,
        customerPrivacyRoutes({
          consent: services.consent,
          exports: services.customerExports,
          erasure: services.erasure,
          masking: services.phoneMasking,
          maskedDial: services.maskedDial,
        }),
      ],
      ['/privacy', signedIn, privacySettingsRoutes(services.phoneMasking, services.retention)],
      [
        '/interactions',
        signedIn,
        interactionRoutes({ interactions: services.interactions, wrapUp, clock, startOfDay: async (at) => (await services.sla.dayOf(at)).start }),
      ],
      ['/cases', signedIn, caseRoutes(services.cases, services.caseWorkflow)],
      ['/my-work', signedIn, myWorkRoutes(services.caseWorkflow)],
      ['/follow-ups', signedIn, followUpRoutes(services.caseWorkflow)],
      ['/escalations', signedIn, escalationRoutes(services.escalations)],
      ['/settings', signedIn, settingsRoutes(services.sla, o.defaultRegion)],
      ['/directory', signedIn, directoryRoutes(services.directory)],
      ['/reports', signedIn, reportRoutes(services.reports)],
      ['/floor', signedIn, floorActionRoutes(floorActions)],
      ['/reports', signedIn, callReportRoutes(callReports)],
      ['/admin/backups', signedIn, backupRoutes(backups)],
      ['/admin/audit', signedIn, auditRoutes(services.auditLog)],
      ['/admin/audit', signedIn, auditRetentionRoutes(services.auditRetention)],
      ['/campaigns', signedIn, campaignRoutes({ campaigns: services.campaigns, imports: services.campaignImports, dryRun: services.dryRun, audit: services.audit })],
      ['/campaigns', signedIn, previewRoutes(services.preview)],
      ['/dnc', signedIn, dncRoutes(services.dnc)],
      ['/purchases', signedIn, purchaseRoutes(services)],
      ['/rfm', signedIn, rfmRoutes(services)],
      ['/segments', signedIn, segmentRoutes(services)],
      ['/campaigns', signedIn, segmentListRoutes(services)],
      ['/recordings', signedIn, recordings.routes],
      ['', softphoneRoutes(services.auth, sipAccounts, softphone)],
    ],
    beforeErrorHandler: [auditRoleRefusals(services.audit)],
  });
  // The app must be the server's handler before Socket.IO attaches: Socket.IO wraps the
  // handlers present at that moment, so one added later would also answer /socket.io/.
  const server = http.createServer(app);
  // One allow-list for the pages that may open either WebSocket: Socket.IO and /sip.
  const origins = originPolicyFor(o.sipAllowedOrigins ?? null, o.publicUrl);
  const sockets = createSocketServer(
    server,
    // Someone who must still set their own password has no console yet.
    async (cookie) => {
      const session = await services.auth.resolve(sessionToken(cookie));
      return session && !session.user.mustChangePassword ? session : null;
    },
    o.log.child({ module: 'socket' }),
    [...socketRooms(services, { desk: { callCenter, agents, callLog, callWritten, wrapUp }, floor, monitoring, dialer, waitingCalls: () => waitingCalls.list(), log: o.log }), ...recordings.socket],
    origins,
  );
  io = sockets.io;
  services.escalations.onAcknowledged(socketEscalationAcknowledged(() => io));
  sipSwitch = createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: o.sipDomain,
    defaultRegion: o.defaultRegion,
    events: callCenter,
    log: o.log,
    origins,
    media: o.media?.ng ? new RtpengineRelay(o.media.ng, { language: o.announcements?.language ?? 'en' }) : null,
    ...(o.sipPlain
      ? {
          plain: {
            ...o.sipPlain,
            // A carrier's caller cannot reach a browser without a media relay.
            trunkRefusal: (o.media ?? NO_MEDIA).ng ? null : `no media plane: install rtpengine (${INSTALL_HINT}) or set KEFU_RTPENGINE_URL`,
          },
        }
      : {}),
    numberOwner: (e164) => callCenter.agentForNumber(e164),
    outboundCallerId: () => outboundCallerId.current(),
    dialTokens: services.dialTokens,
  });

  let shared: SharedSockets | undefined;

  const jobs = createPeriodicJobs(
    {
      beat: () => heartbeat.beat(),
      closeGone,
      applyRetention: () => services.retention.apply(),
      purgeAudit: () => services.auditRetention.purge({ userId: null }),
      applyRecordingRetention: (now) => recordings.service.applyRetention(now),
    },
    clock,
    o.retentionEveryMs,
    o.log,
  );

  return {
    server,
    io: sockets.io,
    sipSwitch,
    callCenter,
    dialer,
    floor,
    slaScheduler,
    backups,
    backupScheduler,
    recordings,
    callsSettled,
    serversSettled: jobs.serversSettled,
    async reloadQueues() {
      await callCenter.reload();
      await floor.reload();
    },
    async start() {
      // Before any console connects: a socket joins its rooms through the adapter in force.
      if (o.redisUrl) shared = await shareSocketsThroughRedis(sockets.io, o.redisUrl, o.log.child({ module: 'socket' }));
      await closeInterrupted();
      await closeGone();
      // Today's figures so far come from the log, before any new fact arrives.
      await floor.start();
      await outboundCallerId.refresh();
      await callCenter.start(sipSwitch!.control);
      await sipSwitch!.listenPlain();
      await dialer.start();
      if (o.slaSweepMs) slaScheduler.start();
      backupScheduler.start();
      jobs.start();
      if (o.rfmNightly) rfmScheduler.start();
    },
    async close() {
      floor.stop();
      waitingCalls.stop();
      await jobs.close();
      await slaScheduler.stop();
      await backupScheduler.stop();
      await rfmScheduler.stop();
      await backups.idle();
      dialer.close();
      sipSwitch!.close();
      await dialer.settled();
      await new Promise<void>((resolve) => {
        sockets.io.close(() => resolve());
        server.closeAllConnections();
      });
      await shared?.close();
      // After the consoles are gone: their disconnects start logout timers that must not fire
      // once the database is closed (they did, as "Unable to acquire a connection").
      callCenter.stop();
      await callsSettled();
      await recordings.settled();
    },
  };
}
