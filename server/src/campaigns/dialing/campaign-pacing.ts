// A campaign's own pacing: its rules' abandon cap, cap window and ring time over the pacer's
// defaults. The one place the rules (in percent, as the marketer writes them) become the
// pacer's settings (a share).
import type { Campaign } from '../../../../contract/index.js';
import { pacingSettings, type DialMode, type PacingSettings } from '../pacing/pacing-settings.js';

export function campaignPacing(c: Campaign, mode: DialMode): PacingSettings {
  const p = c.rules.pacing;
  // Rounded: 2.9 % read as a float must not become a cap a hair over 0.029.
  const abandonCap = Math.round(p.abandonCapPercent * 100) / 10_000;
  return pacingSettings({ mode, abandonCap, capWindow: p.capWindow, ringTimeoutSeconds: p.ringSeconds });
}

/** Whether a change of rules changes how the campaign is paced (its dialer starts afresh then). */
export function samePacing(a: Campaign, b: Campaign): boolean {
  const x = a.rules.pacing;
  const y = b.rules.pacing;
  return x.abandonCapPercent === y.abandonCapPercent && x.capWindow === y.capWindow && x.ringSeconds === y.ringSeconds;
}
