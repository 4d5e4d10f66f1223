// The call-centre metrics, each defined once. The live wallboard and the call reports both fold
// calls into a CallTally with the functions below and read figures out of it with queueFigures /
// agentFigures: so the wallboard's end-of-day numbers and the report's for that day are the same
// numbers by construction, not two queries that happen to agree.
//
// Every call counts in the interval its caller arrived in (queued), whatever time it was answered
// or ended, so a call is never offered in one interval and answered in another.
import type { ServiceLevelFormula } from '../../../../contract/index.js';

/** A queue's service-level setting, as stored on the queue. */
export interface ServiceLevelSetting {
  thresholdSeconds: number;
  formula: ServiceLevelFormula;
  shortAbandonSeconds: number;
}

/**
 * Counts kept per queue (or per agent, or per interval). Waits are kept as histograms by whole
 * second rather than as counts under a threshold, so a queue whose threshold or short-abandon
 * limit changes during the day still gets exact figures under the setting now in force.
 */
export interface CallTally {
  /** Calls that entered the queue (including those refused at once because it was full). */
  offered: number;
  /** Waits (s) of answered calls: wait → count. */
  answeredWaits: Map<number, number>;
  /** Waits (s) of calls the caller hung up on while waiting: wait → count. */
  abandonedWaits: Map<number, number>;
  /** Calls that ended unanswered for another reason: queue full, longest wait reached, a crash. */
  unanswered: number;
  /** Answered calls that have ended: their talk and hold are known. */
  handled: number;
  /** Talk + hold + wrap-up of the handled calls (wrap-up arrives when the agent finishes it). */
  handleSeconds: number;
}

export function emptyTally(): CallTally {
  return { offered: 0, answeredWaits: new Map(), abandonedWaits: new Map(), unanswered: 0, handled: 0, handleSeconds: 0 };
}

const bump = (m: Map<number, number>, key: number, by = 1) => m.set(key, (m.get(key) ?? 0) + by);

/** The caller entered the queue. */
export function callArrived(t: CallTally): void {
  t.offered += 1;
}

/** An agent answered after `waitSeconds` in the queue. */
export function callAnswered(t: CallTally, waitSeconds: number): void {
  bump(t.answeredWaits, Math.max(0, Math.round(waitSeconds)));
}

/** The call ended before anyone answered it: the caller hung up ('abandoned'), or anything else. */
export function callEndedUnanswered(t: CallTally, reason: string, waitSeconds: number): void {
  if (reason === 'abandoned') bump(t.abandonedWaits, Math.max(0, Math.round(waitSeconds)));
  else t.unanswered += 1;
}

/** An answered call ended after `talkSeconds` of talk and `holdSeconds` on hold. */
export function callHandled(t: CallTally, talkSeconds: number, holdSeconds: number): void {
  t.handled += 1;
  t.handleSeconds += Math.max(0, talkSeconds) + Math.max(0, holdSeconds);
}

/** The agent finished the call's after-call work. */
export function callWrapped(t: CallTally, wrapSeconds: number): void {
  t.handleSeconds += Math.max(0, wrapSeconds);
}

/** Adds one tally into another (intervals into a day, queues into a total). */
export function addTally(into: CallTally, from: CallTally): void {
  into.offered += from.offered;
  for (const [w, n] of from.answeredWaits) bump(into.answeredWaits, w, n);
  for (const [w, n] of from.abandonedWaits) bump(into.abandonedWaits, w, n);
  into.unanswered += from.unanswered;
  into.handled += from.handled;
  into.handleSeconds += from.handleSeconds;
}

/** One call as the call log keeps it (an interactions row), in the terms the tally needs. */
export interface LoggedCall {
  answered: boolean;
  ended: boolean;
  endReason: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number | null;
  /** Null until the agent finished after-call work. */
  wrapSeconds: number | null;
}

/** Folds a logged call into a tally: the same steps the live floor takes as the facts come. */
export function tallyLoggedCall(t: CallTally, c: LoggedCall): void {
  callArrived(t);
  if (c.answered) {
    callAnswered(t, c.waitSeconds ?? 0);
    if (c.ended) callHandled(t, c.talkSeconds ?? 0, c.holdSeconds ?? 0);
    if (c.wrapSeconds !== null) callWrapped(t, c.wrapSeconds);
  } else if (c.ended) {
    callEndedUnanswered(t, c.endReason ?? 'interrupted', c.waitSeconds ?? 0);
  }
}

export interface QueueFigures {
  offered: number;
  answered: number;
  /** Abandoned after the short-abandon limit. */
  abandoned: number;
  /** Abandoned within the short-abandon limit (wrong numbers, changed minds): counted apart. */
  shortAbandoned: number;
  /** Ended unanswered for another reason than the caller hanging up. */
  unanswered: number;
  /** Offered and not ended or answered yet. */
  waiting: number;
  answeredWithinThreshold: number;
  /** 0–1 under the queue's formula; null when nothing counts yet. */
  serviceLevel: number | null;
  /** Average speed of answer (s): the mean wait of answered calls. */
  asaSeconds: number | null;
  /** Average handle time (s): talk + hold + wrap-up, over handled calls. */
  ahtSeconds: number | null;
  /** Abandoned (after the short limit) / (offered − short abandons); null when nothing counts. */
  abandonmentRate: number | null;
}

function sum(m: Map<number, number>, pick: (wait: number) => boolean): number {
  let n = 0;
  for (const [w, c] of m) if (pick(w)) n += c;
  return n;
}

function weighted(m: Map<number, number>): number {
  let s = 0;
  for (const [w, c] of m) s += w * c;
  return s;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Whether a wait counts as answered within the threshold: at or under it. */
export function withinThreshold(waitSeconds: number, thresholdSeconds: number): boolean {
  return waitSeconds <= thresholdSeconds;
}

/** Whether an abandon is short: under the limit (a 5 s limit makes 4 s short, 5 s not). */
export function isShortAbandon(waitSeconds: number, shortAbandonSeconds: number): boolean {
  return waitSeconds < shortAbandonSeconds;
}

/** The service level: answered within T over the denominator the formula names. */
export function serviceLevel(formula: ServiceLevelFormula, within: number, answered: number, abandoned: number): number | null {
  return ratio(within, formula === 'answered' ? answered : answered + abandoned);
}

export function queueFigures(t: CallTally, s: ServiceLevelSetting): QueueFigures {
  const answered = sum(t.answeredWaits, () => true);
  const shortAbandoned = sum(t.abandonedWaits, (w) => isShortAbandon(w, s.shortAbandonSeconds));
  const abandoned = sum(t.abandonedWaits, () => true) - shortAbandoned;
  const within = sum(t.answeredWaits, (w) => withinThreshold(w, s.thresholdSeconds));
  return {
    offered: t.offered,
    answered,
    abandoned,
    shortAbandoned,
    unanswered: t.unanswered,
    waiting: t.offered - answered - abandoned - shortAbandoned - t.unanswered,
    answeredWithinThreshold: within,
    serviceLevel: serviceLevel(s.formula, within, answered, abandoned),
    asaSeconds: ratio(weighted(t.answeredWaits), answered),
    ahtSeconds: ratio(t.handleSeconds, t.handled),
    abandonmentRate: ratio(abandoned, t.offered - shortAbandoned),
  };
}
