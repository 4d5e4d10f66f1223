// The two call benchmarks as parts of `npm run bench`, after the case work, on the loaded
// database: the ACD under load (queue/) and answer to audio in Chromium (audio/). Either one
// failing is reported in its section, not thrown: the rest of the results still count.
import type { Db } from '../../server/src/platform/db/database.js';
import { runAudioBench, type AudioSection } from './audio/audio-bench.js';
import { audioSummaryLines, audioTargetLines, audioTargets } from './audio/audio-report.js';
import type { ConsoleBuild } from './console-build.js';
import type { DbSettings } from './db-settings.js';
import type { BenchOptions } from './options.js';
import { runQueueBench } from './queue/queue-bench.js';
import { queueSummaryLines, queueTargetLines, queueTargets, type QueueSection } from './queue/queue-report.js';

export interface CallBenches {
  queue: QueueSection;
  audio: AudioSection;
}

const message = (err: unknown) => String(err instanceof Error ? (err.stack ?? err.message) : err);

export async function runCallBenches(
  opts: BenchOptions,
  db: Db,
  url: string,
  settings: DbSettings,
  build: ConsoleBuild | Error | null,
  log: (msg: string) => void,
): Promise<CallBenches> {
  let queue: QueueSection = { skipped: '--queue-calls 0' };
  if (opts.queueCalls > 0) {
    try {
      queue = await runQueueBench(
        db,
        url,
        { agents: opts.queueAgents, calls: opts.queueCalls, rate: opts.queueRate, holdMs: 200, warmupCalls: Math.min(opts.queueRate, opts.queueCalls), wrapUpSeconds: 1, kamailio: true },
        log,
      );
    } catch (err) {
      log(`ACD under load failed: ${message(err)}`);
      queue = { error: message(err) };
    }
  }
  let audio: AudioSection = { skipped: '--audio-calls 0' };
  if (opts.audioCalls > 0) {
    if (build === null) audio = { skipped: 'no console build (--pop-calls 0)' };
    else if (build instanceof Error) audio = { error: build.message };
    else {
      try {
        audio = await runAudioBench(db, { url, build, settings, port: opts.serverPort, calls: opts.audioCalls, warmup: 3 }, log);
      } catch (err) {
        log(`answer to audio failed: ${message(err)}`);
        audio = { error: message(err) };
      }
    }
  }
  return { queue, audio };
}

export const callBenchTargets = (c: CallBenches) => ({ ...queueTargets(c.queue), ...audioTargets(c.audio) });
export const callBenchSummaryLines = (c: CallBenches) => [...queueSummaryLines(c.queue), ...audioSummaryLines(c.audio)];
export const callBenchTargetLines = (c: CallBenches) => [...queueTargetLines(c.queue), ...audioTargetLines(c.audio)];
