// Pacing of one campaign: how many calls the switch should place now.
//
// Modes
// - preview: nothing is placed by the pacer; the agent dials (or skips) from the lead's page.
// - progressive: one call per ready agent; calls in flight never exceed ready agents, so an
//   answered call always finds its agent and nothing is abandoned.
// - predictive: calls are dialed ahead for agents about to finish. Every `recomputeSeconds` the
//   pacer estimates the answer rate p, the time to answer and the handle time (talk + wrap-up)
//   over 1, 5 and 30 minutes (windowed-estimate.ts), and from them and the last 5 minutes' average
//   ready and busy agents a dial ratio k (dial-ratio.ts): calls ringing per agent expected free
//   by the time they are answered. On each change it then asks for
//       k x (ready + busy x P(free within time to answer + 2 s)) - calls ringing
//   calls, never fewer than progressive would, where a call that has rung a while counts for less
//   than a fresh one (answer-timing.ts). The cap (cap-ledger.ts) bounds the result.
//
// The engine (the campaigns room) tells the pacer what happened with observe() and asks
// callsToPlace() after each change on its floor and every few seconds; the pacer keeps no timer
// and reads no clock, so the same events give the same answers (the simulator depends on it).
//
// Rules the engine MUST follow, each decided here once:
// - an unanswered call rings until ringTimeoutMs() (at least 15 s) before it is hung up;
// - an answered call not connected to an agent within connectWithinMs() (2 s) is abandoned: the
//   engine plays the identifying message and hangs up, and reports `abandoned`; a `connected`
//   reported later than that is counted as abandoned all the same;
// - there is no answering-machine detection: every answer counts as live (agents mark voicemail
//   as a disposition);
// - agentsReady counts agents who will take the next answered call: an agent who leaves Ready
//   while calls are in flight must be reported at once (the hard limit relies on it).
//
// Stability (small teams, 5-30 agents, are where predictive dialers oscillate):
// - the rates are shrinkage estimates: a small floor's estimate moves only as fast as its
//   evidence, so a lucky minute does not look like a new answer rate;
// - the ratio is computed for the last 5 minutes' average availability, not the instant's, and
//   moves by at most 1 % (or 0.01) per recompute, about 13 % a minute: a burst of answers or a
//   run of no-answers cannot swing it, while a real change (an evening with fewer answers) is
//   followed within minutes. The instant's availability still sets the count of calls;
// - the model's own variance term makes it dial little ahead for a handful of agents, where the
//   agents free in the next seconds are 0 or 1 rather than "0.4";
// - the one feedback, the measured abandon rate correcting the model's target, is slow (10 % a
//   minute at most) and shrunk with 300 pseudo-calls, because the measure lags the ratio by
//   minutes and a fast correction would chase its own past: that is the oscillation.
//
// The cap: with hardLimit (the default), calls are dialed ahead only while, even if every call in
// flight beyond the ready agents were answered and abandoned, the window would stay at or under
// the cap; otherwise the pacer works progressively. Before a window ends it stops dialing ahead
// for one ring timeout plus the connect window, so no call placed in one window can be abandoned
// in the next, whose budget starts at zero. Without hardLimit the pacer aims at targetShareOfCap
// of the cap and turns progressive once the window's measured rate reaches the cap.
//
// Settings: see pacing-settings.ts (mode, abandonCap 3 %, capWindow 30d | 24h, hardLimit,
// targetShareOfCap 0.7, ringTimeoutSeconds 25 (>= 15), connectWithinSeconds 2, recomputeSeconds
// 5, maxDialRatio 5).
import { AnswerTiming } from './answer-timing.js';
import { CapLedger, type CapWindowTally } from './cap-ledger.js';
import { dialRatio } from './dial-ratio.js';
import { pacingSettings, type DialMode, type PacingSettings, type PacingSettingsInput } from './pacing-settings.js';
import { WINDOWS_MS, WindowedSeries, windowedMean, type WindowedMean } from './windowed-estimate.js';

export type PacingEvent =
  | { type: 'dialed'; callId: string; at: number }
  /** Answered by a person (no answering-machine detection). */
  | { type: 'answered'; callId: string; at: number }
  | { type: 'unanswered'; callId: string; at: number; outcome: 'no_answer' | 'busy' | 'failed' }
  /** Bridged to an agent. */
  | { type: 'connected'; callId: string; at: number }
  /** Answered, and no agent within the connect window. */
  | { type: 'abandoned'; callId: string; at: number }
  /** An agent is back from a campaign call: talk plus wrap-up, from connect to ready. */
  | { type: 'handled'; at: number; handleMs: number };

export interface FloorState {
  now: number;
  /** Agents on the campaign, ready, with no call connected or reserved. */
  agentsReady: number;
  /** Agents on the campaign on a call or in its wrap-up (they come back). */
  agentsBusy: number;
}

export type PacingReason = 'preview' | 'progressive' | 'predictive' | 'cap_guard' | 'window_closing' | 'cap_reached';

export interface PacingDecision {
  /** Calls to place now. */
  place: number;
  /** The mode the decision was made in: predictive falls back to progressive under the cap. */
  workingAs: DialMode;
  reason: PacingReason;
  /** Calls ringing or answered and waiting for an agent, before this decision. */
  inFlight: number;
  /** Calls ringing per agent expected free (predictive), 1 in progressive, 0 in preview. */
  dialRatio: number;
}

export interface PacingStatus {
  mode: DialMode;
  dialRatio: number;
  answerRate: WindowedMean;
  timeToAnswerMs: WindowedMean;
  handleMs: WindowedMean;
  capWindow: CapWindowTally;
  /** Calls that may still be exposed to abandonment in this window (hard limit). */
  exposureAllowed: number;
}

export interface Pacer {
  readonly settings: PacingSettings;
  observe(event: PacingEvent): void;
  callsToPlace(floor: FloorState): PacingDecision;
  ringTimeoutMs(): number;
  connectWithinMs(): number;
  status(now: number): PacingStatus;
  /** Every cap window so far with its answered, abandoned and rate (closed ones, then the current). */
  capWindows(now: number): CapWindowTally[];
}

// Priors before any call: typical outbound figures, quickly replaced by the campaign's own.
const PRIOR = { answerRate: 0.3, timeToAnswerMs: 10_000, handleMs: 240_000 };
// Pseudo-samples of each shorter window towards the longer (see windowed-estimate.ts).
const PSEUDO = { answer: 30, timeToAnswer: 10, handle: 10 };
// The model's target is corrected, slowly, by the abandon rate measured over 30 minutes (shrunk
// to the target with `pseudo` answered calls, so a small team's few abandons barely move it).
// Slowly because the measure lags: a fast correction would chase its own past and oscillate.
const CALIBRATION = { pseudo: 300, gainPerMinute: 0.1, min: 0.05, max: 2 };
const AVAILABILITY_AVERAGE_MS = 300_000;
const MAX_RELATIVE_STEP = 0.01;
const MIN_ABSOLUTE_STEP = 0.01;

interface LiveCall {
  dialedAt: number;
  answeredAt: number | null;
}

class Lifetime {
  n = 0;
  sum = 0;
  add(v: number) {
    this.n += 1;
    this.sum += v;
  }
  /** The campaign's own mean, shrunk to the prior: the 30-minute window's prior after a pause. */
  mean(prior: number, pseudo: number) {
    return (this.sum + pseudo * prior) / (this.n + pseudo);
  }
}

/** The current cap window's settled calls as the call log has them, when a pacer is re-created. */
export interface RestoredWindow {
  now: number;
  answered: number;
  abandoned: number;
}

/**
 * `startedAt`: the campaign's start, from which the cap windows are counted. `restored`: the
 * current window's live-answered and abandoned calls from the call log (after a restart).
 */
export function createPacer(input: PacingSettingsInput, startedAt: number, restored?: RestoredWindow): Pacer {
  const settings = pacingSettings(input);
  const ledger = new CapLedger(startedAt, settings.capWindow, settings.abandonCap);
  if (restored) ledger.restore(restored.now, restored.answered, restored.abandoned);
  const calls = new Map<string, LiveCall>();
  const answered = new WindowedSeries();
  const toAnswer = new WindowedSeries();
  const handle = new WindowedSeries();
  // Settled answered calls: 1 abandoned, 0 connected (the calibration's measure).
  const settled = new WindowedSeries();
  let calibration = 1;
  const life = { answered: new Lifetime(), toAnswer: new Lifetime(), handle: new Lifetime() };
  const ringTimeoutMs = settings.ringTimeoutSeconds * 1000;
  const connectMs = settings.connectWithinSeconds * 1000;
  let ringing = 0;
  // Calls ringing, counted by the second they were dialed: the sum over them stays short
  // (about one entry per second of ring timeout) however many calls a large floor has ringing.
  const ringingBySecond = new CountBySecond();
  let waiting = 0;
  let ratio = 1;
  // Chance that a busy agent is free within a call's time to answer, as of the last recompute.
  let q = 0;
  let answerRate = PRIOR.answerRate;
  const timing = new AnswerTiming(ringTimeoutMs, PRIOR.timeToAnswerMs);
  let ratioAt = Number.NEGATIVE_INFINITY;
  // Averages of availability over about 5 minutes, the conditions the ratio is computed for.
  let avgReady = 0;
  let avgBusy = 0;
  let avgSeeded = false;

  const estimates = (now: number) => ({
    answerRate: windowedMean(answered, now, life.answered.mean(PRIOR.answerRate, PSEUDO.answer), PSEUDO.answer),
    timeToAnswerMs: windowedMean(toAnswer, now, life.toAnswer.mean(PRIOR.timeToAnswerMs, PSEUDO.timeToAnswer), PSEUDO.timeToAnswer),
    handleMs: windowedMean(handle, now, life.handle.mean(PRIOR.handleMs, PSEUDO.handle), PSEUDO.handle),
  });

  function observe(e: PacingEvent): void {
    if (e.type === 'handled') {
      handle.add(e.at, e.handleMs);
      life.handle.add(e.handleMs);
      return;
    }
    if (e.type === 'dialed') {
      if (calls.has(e.callId)) return;
      calls.set(e.callId, { dialedAt: e.at, answeredAt: null });
      ringing += 1;
      ringingBySecond.add(e.at, 1);
      return;
    }
    const call = calls.get(e.callId);
    if (!call) return; // unknown or already settled: a repeated report changes nothing
    switch (e.type) {
      case 'answered':
        answer(call, e.at);
        return;
      case 'unanswered':
        if (call.answeredAt !== null) return;
        calls.delete(e.callId);
        ringing -= 1;
        ringingBySecond.add(call.dialedAt, -1);
        answered.add(e.at, 0);
        life.answered.add(0);
        return;
      case 'connected':
      case 'abandoned': {
        // An engine that reports the outcome without the answer: the answer was at that moment.
        const answeredAt = call.answeredAt ?? answer(call, e.at);
        calls.delete(e.callId);
        waiting -= 1;
        const abandoned = e.type === 'abandoned' || e.at - answeredAt > connectMs;
        ledger.settle(answeredAt, e.at, abandoned);
        settled.add(e.at, abandoned ? 1 : 0);
        return;
      }
    }
  }

  function answer(call: LiveCall, at: number): number {
    if (call.answeredAt !== null) return call.answeredAt;
    call.answeredAt = at;
    ringing -= 1;
    ringingBySecond.add(call.dialedAt, -1);
    waiting += 1;
    answered.add(at, 1);
    life.answered.add(1);
    toAnswer.add(at, at - call.dialedAt);
    timing.add(at - call.dialedAt);
    life.toAnswer.add(at - call.dialedAt);
    return at;
  }

  /** Recomputes the dial ratio when it is due; bounded steps keep it from swinging. */
  function recompute(floor: FloorState): void {
    if (floor.now - ratioAt < settings.recomputeSeconds * 1000) return;
    const dt = ratioAt === Number.NEGATIVE_INFINITY ? 0 : floor.now - ratioAt;
    ratioAt = floor.now;
    const alpha = avgSeeded ? 1 - Math.exp(-dt / AVAILABILITY_AVERAGE_MS) : 1;
    avgSeeded = true;
    avgReady += alpha * (floor.agentsReady - avgReady);
    avgBusy += alpha * (floor.agentsBusy - avgBusy);
    const est = estimates(floor.now);
    q = freeWithin(est.timeToAnswerMs.value + connectMs, est.handleMs.value);
    answerRate = Math.min(1, Math.max(1e-3, est.answerRate.value));
    timing.refresh();
    const expectedFree = avgReady + avgBusy * q;
    const target = settings.abandonCap * settings.targetShareOfCap;
    const recent = settled.window(floor.now, WINDOWS_MS[2]);
    const measured = (recent.sum + CALIBRATION.pseudo * target) / (recent.n + CALIBRATION.pseudo);
    if (target > 0 && measured > 0) {
      const c = calibration * Math.exp(CALIBRATION.gainPerMinute * (dt / 60_000) * Math.max(-1, Math.min(1, Math.log(target / measured))));
      calibration = Math.min(CALIBRATION.max, Math.max(CALIBRATION.min, c));
    }
    const raw = dialRatio({
      answerRate: est.answerRate.value,
      expectedFree,
      freeVariance: avgBusy * q * (1 - q),
      targetRate: target * calibration,
      maxRatio: settings.maxDialRatio,
    });
    const step = Math.max(MIN_ABSOLUTE_STEP, ratio * MAX_RELATIVE_STEP);
    ratio = ratio + Math.max(-step, Math.min(step, raw - ratio));
  }

  /**
   * The calls ringing, counted as fresh calls: a call that has rung for a while is less likely to
   * be answered than one just placed, so counting it as a whole call would leave agents idle
   * behind calls about to ring out (answer-timing.ts).
   */
  function freshEquivalent(now: number): number {
    let chances = 0;
    for (const [second, n] of ringingBySecond.counts) chances += n * timing.answerChance(now - (second * 1000 + 500), answerRate);
    return chances / answerRate;
  }

  function callsToPlace(floor: FloorState): PacingDecision {
    const inFlight = ringing + waiting;
    const ready = Math.max(0, floor.agentsReady);
    const progressive = Math.max(0, ready - inFlight);
    const decide = (place: number, workingAs: DialMode, reason: PacingReason, dialRatio: number): PacingDecision => ({ place, workingAs, reason, inFlight, dialRatio });
    if (settings.mode === 'preview') return decide(0, 'preview', 'preview', 0);
    if (settings.mode === 'progressive') return decide(progressive, 'progressive', 'progressive', 1);
    recompute(floor);
    if (settings.hardLimit && floor.now >= ledger.windowEnd(floor.now) - ringTimeoutMs - connectMs) return decide(progressive, 'progressive', 'window_closing', ratio);
    if (!settings.hardLimit && ledger.atCap(floor.now)) return decide(progressive, 'progressive', 'cap_reached', ratio);
    const expectedFree = Math.max(0, ready + Math.max(0, floor.agentsBusy) * q - waiting);
    const want = Math.max(progressive, Math.floor(ratio * expectedFree - freshEquivalent(floor.now) + 1e-9));
    if (!settings.hardLimit) return decide(want, 'predictive', 'predictive', ratio);
    // Exposed = calls in flight beyond the ready agents: the most that can be abandoned.
    const mostWithinCap = Math.max(progressive, ledger.exposureAllowed(floor.now) + ready - inFlight);
    if (want > mostWithinCap) return decide(mostWithinCap, mostWithinCap > progressive ? 'predictive' : 'progressive', 'cap_guard', ratio);
    return decide(want, 'predictive', 'predictive', ratio);
  }


  return {
    settings,
    observe,
    callsToPlace,
    ringTimeoutMs: () => ringTimeoutMs,
    connectWithinMs: () => connectMs,
    status(now) {
      const est = estimates(now);
      return { mode: settings.mode, dialRatio: ratio, ...est, capWindow: ledger.current(now), exposureAllowed: ledger.exposureAllowed(now) };
    },
    capWindows: (now) => ledger.windows(now),
  };
}

class CountBySecond {
  readonly counts = new Map<number, number>();
  add(atMs: number, delta: number) {
    const second = Math.floor(atMs / 1000);
    const n = (this.counts.get(second) ?? 0) + delta;
    if (n === 0) this.counts.delete(second);
    else this.counts.set(second, n);
  }
}

/** Chance that an agent busy for an exponential handle time is free within `horizonMs`. */
export const freeWithin = (horizonMs: number, handleMs: number): number => 1 - Math.exp(-horizonMs / Math.max(1, handleMs));
