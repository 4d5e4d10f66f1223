// Answer to audio through a real kefu server over the benchmark's database: the support queue
// (load-copy.ts's staff) gets a 1 s wrap-up so the agent is Ready again between calls, then
// the console in Chromium answers calls from the web phone (answer-to-audio.ts).
import type { Db } from '../../../server/src/platform/db/database.js';
import { startBenchServer } from '../bench-server.js';
import type { ConsoleBuild } from '../console-build.js';
import type { DbSettings } from '../db-settings.js';
import { BENCH_HOTLINE, BENCH_PASSWORD } from '../load-copy.js';
import { queueNumberRow } from '../../../server/src/acd/data/phone-number-rows.js';
import { runAnswerToAudio, type AnswerToAudioResult } from './answer-to-audio.js';

export type AudioSection = (AnswerToAudioResult & { console: ConsoleBuild }) | { skipped: string } | { error: string };

export async function runAudioBench(
  db: Db,
  o: { url: string; build: ConsoleBuild; settings: DbSettings; port: number; calls: number; warmup: number },
  log: (msg: string) => void,
): Promise<AudioSection> {
  await db('queues')
    .whereIn('id', db('phone_numbers').where({ e164: queueNumberRow(0, BENCH_HOTLINE).e164 }).select('queue_id'))
    .update({ wrap_up_seconds: 1 });
  const server = await startBenchServer({ url: o.url, consoleDir: o.build.dir, port: o.port, db: o.settings });
  try {
    log(`answer to audio: ${o.warmup} warm-up calls, then ${o.calls} timed calls through ${server.baseUrl}`);
    const result = await runAnswerToAudio({
      baseUrl: server.baseUrl,
      agent: { username: 'bench-agent01', password: BENCH_PASSWORD },
      callerNumber: '+8613800000001',
      calls: o.calls,
      warmup: o.warmup,
      onProgress: (n) => log(`  ${n} calls`),
    });
    return { ...result, console: o.build };
  } finally {
    await server.close().catch((err: unknown) => log(`closing the kefu server failed: ${String(err)}`));
  }
}
