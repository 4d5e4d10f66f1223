/**
 * What plays while a call rings in. Injected so tests can count starts and stops, and so the
 * console can swap in a recorded sound later.
 */
export interface Ringtone {
  /** Starts ringing; calling it while ringing MUST be harmless. */
  start(): void;
  /** Stops ringing; calling it while silent MUST be harmless. */
  stop(): void;
  dispose(): void;
}

export interface WebAudioRingtoneOptions {
  /** Tone frequencies mixed together; default 440 + 480 Hz (the North American ring). */
  readonly frequencies?: readonly number[];
  readonly onMs?: number;
  readonly offMs?: number;
  /** 0..1; default 0.15, loud enough to notice, not enough to startle on a headset. */
  readonly volume?: number;
  /** Where to ring, e.g. the speakers while calls go to the headset (Chrome's AudioContext sinkId). */
  readonly sinkId?: string;
}

// Short gain ramps instead of hard on/off steps avoid an audible click at each edge.
const RAMP_S = 0.02;

/**
 * A ring tone generated with WebAudio: no sound file to download or cache. The AudioContext is
 * created on first use, because browsers only let it play after a user gesture (the agent has
 * signed in by then).
 */
export class WebAudioRingtone implements Ringtone {
  private context: AudioContext | undefined;
  private stopCurrent: (() => void) | undefined;
  private readonly frequencies: readonly number[];
  private readonly onS: number;
  private readonly periodS: number;
  private readonly volume: number;

  constructor(private readonly options: WebAudioRingtoneOptions = {}) {
    this.frequencies = options.frequencies ?? [440, 480];
    this.onS = (options.onMs ?? 2000) / 1000;
    this.periodS = this.onS + (options.offMs ?? 4000) / 1000;
    this.volume = options.volume ?? 0.15;
  }

  start(): void {
    if (this.stopCurrent) return;
    const context = this.audioContext();
    void context.resume().catch(() => {
      // Autoplay refused: ringing silently is better than failing the incoming call.
    });
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    const oscillators = this.frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    // Schedule the cadence a period at a time, a little ahead, so timer jitter is inaudible.
    let next = context.currentTime;
    const schedule = (): void => {
      while (next < context.currentTime + this.periodS) {
        gain.gain.setValueAtTime(0, next);
        gain.gain.linearRampToValueAtTime(this.volume, next + RAMP_S);
        gain.gain.setValueAtTime(this.volume, next + this.onS - RAMP_S);
        gain.gain.linearRampToValueAtTime(0, next + this.onS);
        next += this.periodS;
      }
    };
    schedule();
    const timer = setInterval(schedule, (this.periodS * 1000) / 2);
    this.stopCurrent = () => {
      clearInterval(timer);
      gain.gain.cancelScheduledValues(context.currentTime);
      gain.gain.setValueAtTime(0, context.currentTime);
      for (const oscillator of oscillators) {
        oscillator.stop();
        oscillator.disconnect();
      }
      gain.disconnect();
    };
  }

  stop(): void {
    this.stopCurrent?.();
    this.stopCurrent = undefined;
  }

  dispose(): void {
    this.stop();
    void this.context?.close().catch(() => {});
    this.context = undefined;
  }

  private audioContext(): AudioContext {
    if (!this.context) {
      this.context = new AudioContext();
      const sinkId = this.options.sinkId;
      // setSinkId on AudioContext is Chrome 110+; elsewhere the tone uses the default output.
      const withSink = this.context as AudioContext & { setSinkId?: (id: string) => Promise<void> };
      if (sinkId !== undefined && typeof withSink.setSinkId === 'function') {
        void withSink.setSinkId(sinkId).catch(() => {});
      }
    }
    return this.context;
  }
}
