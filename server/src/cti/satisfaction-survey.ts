// The post-call satisfaction survey (CSAT): after the agent hangs up a call of a queue that asks
// for it, the switch keeps the caller's leg, the question is put to the caller, and a keypad
// digit 1–5 is the score. Nothing within the time limit ends the call without a score.
import { csatStep, isLowScore, type CsatScore } from '../cases/rules/csat.js';
import type { Clock } from '../platform/clock.js';
import type { CallControl } from '../switch/ports.js';

/** Spoken by a media server when there is one; shown as text by the web phone. */
export const CSAT_QUESTION =
  'How satisfied were you with this call? Press 1 (very dissatisfied) to 5 (very satisfied). / 请为本次服务评分：按 1（非常不满意）到 5（非常满意）。';
export const CSAT_AGAIN = 'Please press a key from 1 to 5. / 请按 1 到 5 之间的数字键。';
export const CSAT_THANKS = 'Thank you. / 谢谢您的评价。';
const NO_ANSWER_MS = 15_000;

interface Survey {
  interactionId: number;
  prompts: number;
  timer: unknown;
}

export interface SurveyDeps {
  clock: Clock;
  /** Queues a write after the call's own (its row is written off the switch's path). */
  enqueue(callId: string, job: () => Promise<void>): unknown;
  control(): CallControl | null;
  saveScore(interactionId: number, score: CsatScore, at: Date): Promise<void>;
  /** A score of 1–2: someone should call the customer back. */
  lowScore(interactionId: number, score: CsatScore): Promise<void>;
}

export class SatisfactionSurveys {
  // Implements the ACD's AfterCallSurvey port: the ACD hands the caller over, this asks.
  private readonly surveys = new Map<string, Survey>();

  constructor(private readonly d: SurveyDeps) {}

  has(callId: string): boolean {
    return this.surveys.has(callId);
  }

  start(callId: string, interactionId: Survey['interactionId']): void {
    const survey: Survey = { interactionId, prompts: 1, timer: null };
    this.surveys.set(callId, survey);
    this.d.control()?.promptCaller(callId, CSAT_QUESTION);
    this.armTimer(callId, survey);
  }

  digit(callId: string, digit: string): void {
    const survey = this.surveys.get(callId);
    if (!survey) return;
    const step = csatStep(digit, survey.prompts);
    if (step.type === 'ask_again') {
      survey.prompts += 1;
      this.d.control()?.promptCaller(callId, CSAT_AGAIN);
      this.armTimer(callId, survey);
      return;
    }
    this.end(callId);
    if (step.type === 'give_up') return void this.d.control()?.release(callId);
    const at = new Date(this.d.clock.now());
    const score = step.score;
    const id = survey.interactionId;
    void this.d.enqueue(callId, async () => {
      await this.d.saveScore(id, score, at);
      if (isLowScore(score)) await this.d.lowScore(id, score);
    });
    this.d.control()?.promptCaller(callId, CSAT_THANKS);
    this.d.control()?.release(callId);
  }

  /** The caller hung up during the survey: no score. */
  callerLeft(callId: string): void {
    this.end(callId);
  }

  private armTimer(callId: string, survey: Survey): void {
    this.d.clock.clearTimeout(survey.timer);
    survey.timer = this.d.clock.setTimeout(() => {
      if (this.surveys.get(callId) !== survey) return;
      this.end(callId);
      this.d.control()?.release(callId);
    }, NO_ANSWER_MS);
  }

  private end(callId: string): void {
    const survey = this.surveys.get(callId);
    if (!survey) return;
    this.d.clock.clearTimeout(survey.timer);
    this.surveys.delete(callId);
  }
}
