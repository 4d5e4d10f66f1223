// The composition root's recordings part: the recorder that follows the call facts over the
// switch's recording port, the stored recordings' service (list, play, retention), their routes
// and the desk's socket command. Part of the root with compose.ts: features never import it.
import { randomBytes } from 'node:crypto';
import type { Services } from './compose-services.js';
import type { CallFacts } from './acd/call-facts.js';
import type { Clock } from './platform/clock.js';
import { Keyring } from './platform/crypto/keyring.js';
import type { Logger } from './platform/logger.js';
import type { KefuIo, SocketFeature } from './platform/realtime/socket-server.js';
import type { CallRecording } from './switch/ports.js';
import { CallRecorder } from './recordings/call-recorder.js';
import { RecordingFiles } from './recordings/data/recording-files.js';
import { RecordingRepository } from './recordings/data/recording.repository.js';
import { recordingRoutes } from './recordings/http/recording.routes.js';
import { RecordingService } from './recordings/recording.service.js';
import { registerRecordingControl } from './recordings/socket/recording.handlers.js';
import { socketRecordingNotifier } from './recordings/socket/socket-recording-notifier.js';

export const DEFAULT_RECORDING_RETENTION_DAYS = 365;

export interface RecordingSetup {
  /** The media plane's recording directory (rtpengine writes there); null: calls are not recorded. */
  dir: string | null;
  /** KEFU_RECORDING_RETENTION_DAYS. */
  retentionDays: number;
  /** The data keys recordings are sealed with; unset: a key of this process (tests). */
  keyring?: Keyring;
}

const PROCESS_KEYRING = new Keyring([randomBytes(32)]);

export function createRecordings(
  services: Services,
  o: {
    setup: RecordingSetup;
    facts: CallFacts;
    callWritten(callId: string): Promise<void>;
    recording: () => CallRecording | null;
    io: () => KefuIo | null;
    clock: Clock;
    log: Logger;
  },
) {
  const log = o.log.child({ module: 'recordings' });
  const repo = new RecordingRepository(services.db);
  const files = o.setup.dir ? new RecordingFiles(o.setup.dir, o.setup.keyring ?? PROCESS_KEYRING) : null;
  const recorder = files
    ? new CallRecorder({ recording: o.recording, repo, files, callWritten: o.callWritten, notify: socketRecordingNotifier(o.io), clock: o.clock, log })
    : null;
  if (recorder) o.facts.subscribe(recorder.follow);
  const service = new RecordingService({
    repo,
    files,
    audit: services.audit,
    assertCanSee: (ctx, id) => services.customers.assertCanSee(ctx, id),
    retentionDays: o.setup.retentionDays,
    log,
  });
  const socket: SocketFeature[] = recorder ? [(s, user) => registerRecordingControl(s, user, { recorder, audit: services.audit, log })] : [];
  return {
    service,
    routes: recordingRoutes(service),
    socket,
    /** Resolves once every recording step so far is done (files sealed, rows written). */
    settled: () => recorder?.settled() ?? Promise.resolve(),
  };
}
