// What a caller hears while waiting in a queue: a welcome, then music, and every so often their
// place in the queue, then music again. Driven by the call facts; played by the switch through
// the media plane (CallerMedia), so only callers whose media is anchored hear anything.
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { CallerMedia } from '../switch/ports.js';
import type { CallFact } from './call-facts.js';

export interface WaitingAnnouncementSettings {
  /** How often a waiting caller hears their place in the queue; 0: never. */
  readonly positionEverySeconds: number;
  /** The prompts' language (en, zh-CN). */
  readonly language: string;
}

interface Waiting {
  timer: unknown;
  stopped: boolean;
}

/**
 *   queued ──▶ welcome ──(its length)──▶ music ──(every N s)──▶ position ──(its length)──▶ music …
 *   answered or ended: stop (the switch itself silences the relay when the agent answers).
 * A call that is ringing an agent when its position is due keeps its music.
 */
export class WaitingAnnouncements {
  private readonly calls = new Map<string, Waiting>();

  constructor(
    private readonly d: {
      media: () => CallerMedia | null;
      positionOf: (callId: string) => number | null;
      clock: Clock;
      log: Logger;
      settings: WaitingAnnouncementSettings;
    },
  ) {}

  get active(): number {
    return this.calls.size;
  }

  readonly follow = (fact: CallFact): void => {
    switch (fact.type) {
      case 'call-queued':
        this.start(fact.callId);
        return;
      case 'call-answered':
      case 'call-ended':
        this.stop(fact.callId);
        return;
      default:
    }
  };

  private start(callId: string): void {
    if (this.calls.has(callId)) return;
    const waiting: Waiting = { timer: undefined, stopped: false };
    this.calls.set(callId, waiting);
    void this.play(callId, waiting, 'welcome');
  }

  private stop(callId: string): void {
    const waiting = this.calls.get(callId);
    if (!waiting) return;
    waiting.stopped = true;
    if (waiting.timer !== undefined) this.d.clock.clearTimeout(waiting.timer);
    this.calls.delete(callId);
  }

  private async play(callId: string, waiting: Waiting, step: 'welcome' | 'music' | 'position'): Promise<void> {
    waiting.timer = undefined;
    const media = this.d.media();
    if (waiting.stopped || !media) return;
    const { language, positionEverySeconds } = this.d.settings;
    const every = positionEverySeconds * 1000;
    try {
      if (step === 'welcome') {
        const ms = await media.playToCaller(callId, { name: 'welcome', language });
        // Nothing played: a web caller, or no media plane. Nothing more will.
        if (ms <= 0) return this.stop(callId);
        this.after(callId, waiting, ms, 'music');
      } else if (step === 'music') {
        await media.playToCaller(callId, { name: 'music', language }, true);
        if (every > 0) this.after(callId, waiting, every, 'position');
      } else {
        const position = this.d.positionOf(callId);
        if (position === null) return this.after(callId, waiting, every, 'position');
        const ms = await media.playToCaller(callId, { name: 'position', position, language });
        this.after(callId, waiting, ms, 'music');
      }
    } catch (err) {
      this.d.log.warn({ err, callId, step }, 'A waiting caller’s announcement failed');
    }
  }

  private after(callId: string, waiting: Waiting, ms: number, step: 'music' | 'position'): void {
    if (waiting.stopped) return;
    waiting.timer = this.d.clock.setTimeout(() => void this.play(callId, waiting, step), ms);
  }
}
