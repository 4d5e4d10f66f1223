// Which logged call a softphone call is, when the switch did not put the interaction id on it.
// Queue calls carry X-Kefu-Interaction-Id; calls outside a queue (the agent dialling out, a
// call to the agent's extension) do not, but the switch logs them as the agent's calls. Pure.
import type { Interaction } from '@kefu/contract';
import type { CallInfo } from '@kefu/softphone';

/** Browser and server clocks may differ a little; a call logged this much "before" it started still counts. */
const CLOCK_SLACK_MS = 10 * 60_000;

/** The highest interaction id among the agent's calls: any call logged later has a higher one. */
export function newestId(calls: readonly Interaction[]): number {
  return calls.reduce((max, i) => Math.max(max, i.id), 0);
}

/**
 * The agent's logged call that is this softphone call: the newest call in the same direction
 * logged after `baseline` (the newest id known when the call started), or, without a baseline,
 * started around the same time; never one already matched to another call (`taken`). `calls`
 * is newest first, as today's calls are.
 */
export function findLoggedCall(
  calls: readonly Interaction[],
  call: CallInfo,
  baseline: number | null,
  taken: ReadonlySet<number>,
): Interaction | null {
  for (const i of calls) {
    if (i.kind !== 'call' || i.direction !== call.direction || taken.has(i.id)) continue;
    if (baseline !== null ? i.id > baseline : Date.parse(i.startedAt) >= call.startedAt - CLOCK_SLACK_MS) return i;
  }
  return null;
}
