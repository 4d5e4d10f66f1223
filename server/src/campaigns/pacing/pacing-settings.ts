// A campaign's pacing settings: one schema, parsed where the settings enter (the campaign's
// REST body or row), defaults written once here.
import { z } from 'zod';
import { CAP_WINDOWS, MIN_RING_SECONDS, type CapWindow } from '../../../../contract/index.js';

export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

/**
 * The period over which the abandon rate is held under the cap. Both are successive fixed
 * periods counted from the campaign's start, the way the regulations measure them:
 * - `30d`: US (FCC 47 CFR 64.1200(a)(7)): per campaign, each successive 30-day period;
 * - `24h`: UK (Ofcom persistent-misuse policy): each 24-hour period.
 * A rolling window cannot be promised: once dialing stops, old answered calls leave a rolling
 * window while its abandons stay, so its rate rises with no call placed.
 */
export { CAP_WINDOWS, type CapWindow } from '../../../../contract/index.js';
export const CAP_WINDOW_MS: Record<CapWindow, number> = { '30d': 30 * 86_400_000, '24h': 86_400_000 };

export { MIN_RING_SECONDS } from '../../../../contract/index.js';

export const pacingSettingsSchema = z.object({
  mode: z.enum(DIAL_MODES).default('predictive'),
  /** Highest share of live-answered calls that may be abandoned in a cap window (0.03 = 3 %). */
  abandonCap: z.number().min(0).max(0.1).default(0.03),
  capWindow: z.enum(CAP_WINDOWS).default('30d'),
  /**
   * On: a call is dialed ahead only when, even if every call ahead were answered and found no
   * agent, the window would stay at or under the cap; otherwise the dialer works progressively.
   * Off: the pacer aims under the cap on its estimates and drops to progressive only once the
   * window's measured rate reaches the cap.
   */
  hardLimit: z.boolean().default(true),
  /** Share of the cap the predictive model aims for; the margin absorbs estimation error. */
  targetShareOfCap: z.number().min(0.1).max(1).default(0.7),
  /** How long an unanswered call rings before the dialer hangs up; never under 15 s. */
  ringTimeoutSeconds: z.number().int().min(MIN_RING_SECONDS).max(120).default(25),
  /** An answered call not connected to an agent within this many seconds is abandoned. */
  connectWithinSeconds: z.number().int().min(1).max(2).default(2),
  /** How often the dial ratio is recomputed from the measured rates. */
  recomputeSeconds: z.number().int().min(1).max(60).default(5),
  /** Ceiling of calls in flight per agent expected free, whatever the estimates say. */
  maxDialRatio: z.number().min(1).max(10).default(5),
});

export type PacingSettings = z.infer<typeof pacingSettingsSchema>;
export type PacingSettingsInput = z.input<typeof pacingSettingsSchema>;

/** Parses and completes settings; throws a ZodError on a bad value (callers parse at their edge). */
export const pacingSettings = (input: PacingSettingsInput = {}): PacingSettings => pacingSettingsSchema.parse(input);
