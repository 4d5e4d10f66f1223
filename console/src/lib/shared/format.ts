// Dates, durations and due times in the current locale. Reading `i18n.locale` here keeps
// templates that call these functions reactive to a language switch.
import type { Locale } from '@kefu/contract';
import { i18n, t, type MessageKey } from '../i18n/index.svelte.js';
import { browserZone, centerZone, zoneOptions } from './center-zone.svelte.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

// Written as parts, not dateStyle/timeStyle: those cannot carry the zone's name.
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** The contact center's zone, named when the browser's differs; read here so templates follow it. */
function zone(): Intl.DateTimeFormatOptions {
  return zoneOptions(centerZone.zone, browserZone());
}

/** "Nov 26, 2026, 9:54 AM" / "2026年11月26日 09:54", with "GMT+8" when the browser is elsewhere. */
export function formatDateTime(iso: string | null): string {
  const d = iso ? parse(iso) : null;
  return d ? dateFormat(i18n.locale, { ...DATE, ...TIME, ...zone() }).format(d) : '';
}

/** "9:54 AM" / "09:54": the time of day, for today's calls. */
export function formatTime(iso: string | null): string {
  const d = iso ? parse(iso) : null;
  return d ? dateFormat(i18n.locale, { ...TIME, ...zone() }).format(d) : '';
}

/** The day in the contact center's zone (no zone name: a day needs none). */
export function formatDate(iso: string | null): string {
  const d = iso ? parse(iso) : null;
  return d ? dateFormat(i18n.locale, { ...DATE, timeZone: zone().timeZone }).format(d) : '';
}

type Unit = 'd' | 'h' | 'min' | 's';
const UNIT_SECONDS: [Unit, number][] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/** The two most significant non-zero units of a duration, down to `smallest`. Pure. */
export function durationParts(totalSeconds: number, smallest: Unit = 's'): { unit: Unit; n: number }[] {
  let rest = Math.max(0, Math.floor(totalSeconds));
  const units = UNIT_SECONDS.slice(0, UNIT_SECONDS.findIndex(([u]) => u === smallest) + 1);
  const parts: { unit: Unit; n: number }[] = [];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push({ unit, n });
    if (parts.length === 2) break;
  }
  const nonZero = parts.filter((p) => p.n > 0);
  const last = units[units.length - 1]![0];
  return nonZero.length ? nonZero : [{ unit: last, n: 0 }];
}

/** "7 min", "3 min 5 s", "4 d 22 h" / "7 分钟" … */
export function formatDuration(seconds: number, smallest: Unit = 's'): string {
  return durationParts(seconds, smallest)
    .map((p) => t(`unit.${p.unit}` as MessageKey, { n: p.n }))
    .join(t('unit.join'));
}

export type DueKind = 'ack' | 'resolve';
export type DueLevel = 'overdue' | 'soon' | 'ok';

export interface DueInfo {
  kind: DueKind;
  at: string;
  level: DueLevel;
  /** "Resolution due in 3 h" / "Resolution overdue by 2 h" */
  text: string;
}

/** Within this much time a deadline counts as "due soon". */
export const DUE_SOON_MS = 4 * 3_600_000;

/** Where a deadline stands relative to `now`. Pure apart from the locale of the wording. */
export function describeDue(kind: DueKind, at: string, now: number): DueInfo | null {
  const d = parse(at);
  if (!d) return null;
  const diff = d.getTime() - now;
  const overdue = diff < 0;
  // Anything under a minute reads as one minute: "overdue by 0 min" says nothing.
  const seconds = Math.max(60, Math.abs(diff) / 1000);
  const time = formatDuration(seconds, 'min');
  const level: DueLevel = overdue ? 'overdue' : diff <= DUE_SOON_MS ? 'soon' : 'ok';
  const key = `due.${kind}.${overdue ? 'over' : 'in'}` as MessageKey;
  return { kind, at, level, text: t(key, { time }) };
}
