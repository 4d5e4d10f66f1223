// What a waiting caller hears while no agent talks: the relay's early media, prompts and music,
// and the closed or busy prompt before they are sent away. Only a call whose media is anchored
// in the relay has any; the others hear their phone's own ring-back after "Queued" (182).
import type { Logger } from 'pino';
import type { CallerPrompt } from '../ports.js';
import type { Body } from '../message/build.js';
import type { CallState } from './call-types.js';
import type { MediaAnchor } from './media-anchor.js';

/** A closed or busy prompt longer than this is cut short: the caller is sent away anyway. */
const MAX_PROMPT_BEFORE_RELEASE_MS = 30_000;

/** What the prompts need of their call. */
export interface PromptedCall {
  readonly state: CallState;
  readonly anchor: MediaAnchor | undefined;
  respondCaller(status: number, reason: string, body?: Body): void;
  release(status: number): void;
}

export class CallerPrompts {
  private earlyMediaSent = false;
  private earlyMediaFailed = false;

  constructor(
    private readonly call: PromptedCall,
    private readonly log: () => Logger,
  ) {}

  /** The caller is admitted to a queue: early media when anchored, "Queued" (182) otherwise. */
  queued(): void {
    const { call } = this;
    if (call.state !== 'waiting') return;
    if (!call.anchor) return call.respondCaller(182, 'Queued');
    void this.openEarlyMedia().then((open) => {
      // Still a call: it waits in silence, as it would without a media plane.
      if (!open && call.state === 'waiting') call.respondCaller(182, 'Queued');
    });
  }

  /** Resolves with the prompt's length in ms (0: nothing played). */
  async play(prompt: CallerPrompt, repeat: boolean): Promise<number> {
    const { call } = this;
    if (!call.anchor || call.state === 'ended') return 0;
    // A waiting caller hears the relay once early media is up; a bridged one already does.
    if (call.state === 'waiting' && !(await this.openEarlyMedia())) return 0;
    // (The state may have changed while the relay answered.)
    if ((call.state as CallState) === 'ended') return 0;
    return call.anchor.playToCaller(prompt, repeat);
  }

  /** `status` after the prompt when there is one, at once otherwise; a hang-up meanwhile ends it sooner. */
  async announceThenRelease(prompt: CallerPrompt, status: number): Promise<void> {
    const ms = this.call.state === 'waiting' ? await this.play(prompt, false) : 0;
    if (ms <= 0) return this.call.release(status);
    setTimeout(() => this.call.release(status), Math.min(ms, MAX_PROMPT_BEFORE_RELEASE_MS)).unref();
  }

  stop(): void {
    if (this.call.anchor && this.call.state !== 'ended') void this.call.anchor.stopPlaying();
  }

  /** 183 with the relay's SDP, once; false when the relay could not answer for the queue. */
  private openEarlyMedia(): Promise<boolean> {
    const { call } = this;
    if (!call.anchor) return Promise.resolve(false);
    return call.anchor.earlyMedia().then(
      (body) => {
        if (call.state === 'waiting' && !this.earlyMediaSent) {
          this.earlyMediaSent = true;
          call.respondCaller(183, 'Session Progress', body);
        }
        return true;
      },
      (err: unknown) => {
        if (!this.earlyMediaFailed) this.log().warn({ err }, 'The media relay did not open early media; the caller waits without prompts');
        this.earlyMediaFailed = true;
        return false;
      },
    );
  }
}
