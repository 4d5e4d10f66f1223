// The composition root's live-call part: the ACD wired to the call log and the consoles. Part
// of the root with compose.ts (which re-exports it): features never import it.
import type { Db } from './platform/db/database.js';
import { type Clock } from './platform/clock.js';
import type { Logger } from './platform/logger.js';
import { notifyCallFacts, type TelephonyNotifier } from './acd/telephony-notifier.js';
import type { CallControl, CallerMedia } from './switch/ports.js';
import { WaitingAnnouncements, type WaitingAnnouncementSettings } from './acd/waiting-announcements.js';
import { CallFacts } from './acd/call-facts.js';
import { AGENT_STATE_RETRY, CallLogWriter } from './cti/data/call-log-writer.js';
import { InteractionIdPool } from './cti/data/call-log-ids.js';
import { DirectCallLog } from './cti/direct-call-log.js';
import { SatisfactionSurveys } from './cti/satisfaction-survey.js';
import { CallLogRepository } from './cti/data/call-log.repository.js';
import { ServerHeartbeat } from './platform/db/server-heartbeat.js';
import { randomUUID } from 'node:crypto';
import { QueueDirectoryRepository } from './acd/data/queue-directory.repository.js';
import { AgentRegistry } from './acd/agent-registry.js';
import { CallCenter } from './acd/call-center.js';
import type { Services } from './compose-services.js';

/**
 * The live-call part: the ACD and what follows its call facts (the call log, the agents'
 * consoles), the survey and the log of calls outside a queue. The integration tests build it
 * with a fake switch and a recording notifier.
 */
export function createCallCenter(
  services: Services,
  o: {
    clock: Clock;
    log: Logger;
    notifier: TelephonyNotifier;
    control(): CallControl | null;
    serverId?: string;
    callLogDb?: Db;
    /** What phone-line callers hear from the media plane; unset: nothing is played. */
    callerMedia?: () => CallerMedia | null;
    announcements?: WaitingAnnouncementSettings;
  },
) {
  const serverId = o.serverId ?? `kefu-${randomUUID()}`;
  // Its own pool when given: the call log's writes then never queue the screen-pop's read.
  const callLog = new CallLogRepository(o.callLogDb ?? services.db, serverId);
  const heartbeat = new ServerHeartbeat(services.db, serverId, () => o.clock.now());
  const callsLog = o.log;
  const clock = o.clock;
  // The ACD's facts go two ways, and only these: into the call log and to the agents' consoles.
  const facts = new CallFacts((err, fact) => callsLog.error({ err, fact: fact.type }, 'a call fact subscriber failed'));
  const writer = new CallLogWriter(callLog, (err) => callsLog.error({ err }, 'call log write failed'), {
    ...AGENT_STATE_RETRY,
    onRetry: (err, attempt, waitMs) => callsLog.warn({ err, attempt, waitMs }, 'agent state write failed for now; trying again'),
  });
  facts.subscribe(writer.write);
  facts.subscribe(notifyCallFacts(o.notifier));
  const interactionIds = new InteractionIdPool(callLog);
  const agents = new AgentRegistry(facts, clock);
  const directCalls = new DirectCallLog({
    callLog,
    agents,
    shift: () => callCenter.shift,
    clock,
    log: callsLog,
    facts,
    screenPop: (n) => services.customers.offerScreenPop(n),
    agentScreenPop: (agentId, n) => services.customers.screenPopAs(agentId, n),
    forCall: (callId, job) => writer.forCall(callId, job),
    outboundLogged: (agentId, e164, interactionId) => services.caseWorkflow.tieDialledCall(agentId, e164, interactionId),
  });
  const survey = new SatisfactionSurveys({
    clock,
    enqueue: (callId, job) => writer.forCall(callId, job),
    control: o.control,
    saveScore: (id, score, at) => callLog.saveCsat(id, score, at),
    lowScore: async (id, score) => {
      await services.caseWorkflow.lowCsatFollowUp(id, score);
    },
  });
  const callCenter: CallCenter = new CallCenter({
    directory: new QueueDirectoryRepository(services.db),
    agents,
    facts,
    clock,
    log: callsLog,
    screenPop: (n) => services.customers.offerScreenPop(n),
    nextInteractionId: () => interactionIds.next(),
    directCalls,
    survey,
    normalizeNumber: (dialled) => services.customers.normalize(dialled),
  });
  // A queued phone-line caller hears a welcome, music and their place in the queue.
  const announcements = new WaitingAnnouncements({
    media: o.callerMedia ?? (() => null),
    positionOf: (callId) => callCenter.positionInQueue(callId),
    clock,
    log: callsLog,
    settings: o.announcements ?? { positionEverySeconds: 30, language: 'en' },
  });
  facts.subscribe(announcements.follow);
  const callsSettled = async () => {
    // A write may finish an admission's wait and an admission emits writes: wait until both rest.
    do {
      await callCenter.idle();
      await writer.flush();
    } while (callCenter.admitting || !writer.idle);
    await interactionIds.settled();
  };
  return {
    callCenter,
    agents,
    /** The call facts, for rooms that follow them besides the log and the desks (the wallboard). */
    facts,
    callLog,
    /** The idle signal of live calls: every call fact so far is written to the log. */
    callsSettled,
    /** Resolves once what happened so far on one call is written (a read that must see it). */
    callWritten: (callId: string) => writer.forCall(callId, async () => {}).then(() => {}),
    heartbeat,
    /**
     * After a crash or restart, closes what this server's last run left open, as of its last
     * heartbeat (and rows from before servers had names); before the ACD starts. Other servers'
     * calls are left alone unless their heartbeat has stopped (closeGone).
     */
    async closeInterrupted() {
      const lastBeat = await heartbeat.register();
      const closed = (await callLog.closeInterrupted(serverId, lastBeat ?? new Date(clock.now()))) + (await callLog.closeInterrupted(null, new Date(clock.now())));
      if (closed) callsLog.warn({ closed }, 'calls left open by the last run closed as interrupted');
    },
    /** Closes what servers whose heartbeat stopped left open, each as of its last heartbeat. */
    async closeGone() {
      for (const gone of await heartbeat.gone()) {
        const closed = await callLog.closeInterrupted(gone.id, gone.lastHeartbeatAt);
        await heartbeat.forget(gone);
        callsLog.warn({ server: gone.id, lastHeartbeatAt: gone.lastHeartbeatAt, closed }, "a server's heartbeat stopped: its calls closed as interrupted");
      }
    },
  };
}
