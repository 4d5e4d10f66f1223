// Report periods as whole days: the dates the supervisor picks, and the instants sent to the
// server (midnight at the start of the first day up to midnight after the last day, on the
// contact center's clocks, where the wallboard's "today" starts too).
import { shiftDay, zonedInstant } from '../shared/date-entry.js';

export type PeriodPreset = 'last7' | 'last30' | 'thisMonth';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['last7', 'last30', 'thisMonth'];

export interface Period {
  /** 'YYYY-MM-DD', local. */
  from: string;
  /** 'YYYY-MM-DD', local, included. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Pure: the local calendar date of `d` as 'YYYY-MM-DD'. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parseLocalDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return localDate(d) === s ? d : null;
}

/** Pure: the dates of a preset, ending today. */
export function presetPeriod(preset: PeriodPreset, today: Date): Period {
  const to = localDate(today);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  if (preset === 'thisMonth') start.setDate(1);
  else start.setDate(start.getDate() - (preset === 'last7' ? 6 : 29));
  return { from: localDate(start), to };
}

/** Pure: the instants the server reads (midnights in `timeZone`), or null when the dates are not a valid period. */
export function periodRange(p: Period, timeZone: string): { from: string; to: string } | null {
  const from = parseLocalDate(p.from);
  const last = parseLocalDate(p.to);
  if (!from || !last || last < from) return null;
  return { from: zonedInstant(p.from, '00:00', timeZone), to: zonedInstant(shiftDay(p.to, 1), '00:00', timeZone) };
}

/** Pure: which preset these dates are, if any, so its button can show as chosen. */
export function matchingPreset(p: Period, today: Date): PeriodPreset | null {
  return PERIOD_PRESETS.find((k) => {
    const q = presetPeriod(k, today);
    return q.from === p.from && q.to === p.to;
  }) ?? null;
}
