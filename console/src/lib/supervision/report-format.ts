// Numbers in reports, in the current locale. Reading `i18n.locale` keeps templates reactive.
import { i18n } from '../i18n/index.svelte.js';
import { clockTime } from '../desktop/call-format.js';

export function formatCount(n: number): string {
  return new Intl.NumberFormat(i18n.locale).format(n);
}

/** "83%"; null when there is nothing to take a share of. */
export function formatShare(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

/** A satisfaction average on the 1–5 scale: "4.25". */
export function formatAverage(n: number): string {
  return new Intl.NumberFormat(i18n.locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(n);
}

/** A 0–1 figure as "83%"; a dash when there is none (nothing to take a share of yet). */
export function formatPercent(x: number | null): string {
  if (x === null) return '—';
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

/** Seconds as a clock ("1:05"), rounded; a dash when there is none. */
export function formatSeconds(x: number | null): string {
  return x === null ? '—' : clockTime(Math.round(x) * 1000);
}
