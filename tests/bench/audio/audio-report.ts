// Answer to audio: its target and summary lines, shared by `npm run bench:audio` and the targets
// block of `npm run bench`. Reported, never asserted.
import type { AudioSection } from './audio-bench.js';

export const AUDIO_TARGET_P95_MS = 250;

export function audioTargets(a: AudioSection) {
  const p95 = 'bothMs' in a && a.bothMs.count > 0 ? a.bothMs.p95 : null;
  return { answerToAudioP95Ms: { target: AUDIO_TARGET_P95_MS, actual: p95, met: p95 !== null && p95 <= AUDIO_TARGET_P95_MS } };
}

export function audioSummaryLines(a: AudioSection): string[] {
  if ('skipped' in a) return [`Answer to audio: skipped (${a.skipped})`, ''];
  if ('error' in a) return [`Answer to audio: FAILED: ${a.error.split('\n')[0]}`, ''];
  const l = (s: { p50: number; p95: number; max: number }) => `p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`;
  return [
    `Answer to audio in the browser (${a.browser}, ${a.completed} timed calls after ${a.warmup} warm-up, ${a.failed} failed; getStats is refreshed about every 50 ms):`,
    `  Answer clicked → first audio bytes, agent's page:   ${l(a.agentMs)}`,
    `  Answer clicked → first audio bytes, caller's page:  ${l(a.callerMs)}`,
    `  Answer clicked → audio on both sides:               ${l(a.bothMs)}`,
    ...(a.errors.length ? [`  errors: ${a.errors.join('; ')}`] : []),
    '',
  ];
}

export function audioTargetLines(a: AudioSection): string[] {
  const t = audioTargets(a).answerToAudioP95Ms;
  return [`  answer to audio p95 <= ${t.target} ms:  ${t.actual ?? '?'} ms  ${t.met ? 'met' : 'NOT met'}`];
}
