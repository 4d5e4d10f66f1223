// The contact center's time zone (its business calendar's, where the SLA clocks run): times on
// screen are read in it, so "due at 18:00" means the center's 18:00 wherever the agent sits,
// and they carry the zone's name when the browser's zone is another one. Its home region comes
// with it: phone numbers of that region show in national form (see phone-format.ts).
import type { CenterZone as CenterZoneBody } from '@kefu/contract';
import { request } from './api.js';

class CenterZone {
  /** Null until read (and for the signed-out pages): times then show in the browser's zone. */
  zone = $state<string | null>(null);
  /** The home region (ISO 3166, e.g. CN); null until read: numbers then show in international form. */
  region = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const body = await request<CenterZoneBody>('GET', '/api/settings/center-zone');
      this.zone = body.timeZone;
      this.region = body.region;
    } catch {
      // Unknown zone: times stay in the browser's zone, as they were.
    }
  }

  reset(): void {
    this.zone = null;
    this.region = null;
  }
}

export const centerZone = new CenterZone();

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** How a clock time is written: in the center's zone, named when the browser's differs. Pure. */
export function zoneOptions(center: string | null, browser: string): Pick<Intl.DateTimeFormatOptions, 'timeZone' | 'timeZoneName'> {
  if (!center) return {};
  return center === browser ? { timeZone: center } : { timeZone: center, timeZoneName: 'short' };
}
