// Dates and clock times as people type them, in the console's language rather than the
// browser's: a native date input follows the browser's locale (mm/dd/yyyy in an English
// Chromium even when the console speaks 简体中文), so the console reads and writes them itself.
// A day is 'YYYY-MM-DD' and a clock time 'HH:mm'; an instant is made from both in a named time
// zone (the contact center's), never the browser's. Pure: the locale and zone are arguments.
import type { Locale } from '@kefu/contract';

export type DateEntryError = 'date.format' | 'date.noSuchDay' | 'time.format';
export type Parsed = { ok: true; value: string | null } | { ok: false; error: DateEntryError };

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = 'january february march april may june july august september october november december'.split(' ');

/** Full-width digits and punctuation (a Chinese input method's) read as their ASCII forms. */
function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

function dayOf(y: number, m: number, d: number): Parsed {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return { ok: false, error: 'date.noSuchDay' };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return { ok: false, error: 'date.noSuchDay' };
  return { ok: true, value: `${y}-${pad(m)}-${pad(d)}` };
}

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  // 'Dec', 'Dec.', 'Decem' and 'December' all name December.
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? null : i + 1;
}

/**
 * A typed day, in either language's forms: 2026-12-03, 2026/12/3, 20261203, 2026年12月3日,
 * Dec 3, 2026 and 3 December 2026. Empty text is no day (null). Numbers in the American order
 * (12/03/2026) are refused: they read as another day in most of the world.
 */
export function parseDay(text: string): Parsed {
  const s = normalise(text);
  if (s === '') return { ok: true, value: null };
  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([a-z]+\.?)\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(s);
  if (m) {
    const month = monthOf(m[1]!);
    if (month) return dayOf(Number(m[3]), month, Number(m[2]));
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+\.?),?\s+(\d{4})$/i.exec(s);
  if (m) {
    const month = monthOf(m[2]!);
    if (month) return dayOf(Number(m[3]), month, Number(m[1]));
  }
  return { ok: false, error: 'date.format' };
}

/** 'Dec 3, 2026' / '2026年12月3日': a day as the language writes it (the formats parseDay reads). */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** The day `days` after (or before) `day`, and `months` after: for the arrow keys. */
export function shiftDay(day: string, days: number, months = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y!, m! - 1 + months, 1));
  // A month step keeps the day where it can (Jan 31 + 1 month is Feb 28, not Mar 3).
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d!, last) + days);
  return `${target.getUTCFullYear()}-${pad(target.getUTCMonth() + 1)}-${pad(target.getUTCDate())}`;
}

const HALF_DAY: Record<string, 'am' | 'pm'> = { am: 'am', 'a.m.': 'am', pm: 'pm', 'p.m.': 'pm', 上午: 'am', 早上: 'am', 凌晨: 'am', 下午: 'pm', 晚上: 'pm', 中午: 'pm' };

/**
 * A typed clock time: 17:00, 1700, 17, 5pm, 5:30 PM, 下午5:30, 下午5点, 17点30分. `endOfDay`
 * also takes 24:00 (the end of a calling window).
 */
export function parseClock(text: string, endOfDay = false): Parsed {
  const s = normalise(text).toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: null };
  const m =
    /^(上午|早上|凌晨|下午|晚上|中午)?\s*(\d{1,2})(?:\s*[:.：时点]\s*(\d{2})?\s*分?|\s*(\d{2}))?\s*(am|a\.m\.|pm|p\.m\.)?$/.exec(s) ??
    /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|a\.m\.|pm|p\.m\.)$/.exec(s);
  if (!m) return { ok: false, error: 'time.format' };
  let hour: number;
  let minute: number;
  let half: 'am' | 'pm' | undefined;
  if (m.length === 6) {
    half = HALF_DAY[m[1] ?? ''] ?? HALF_DAY[m[5] ?? ''];
    if (m[1] && m[5]) return { ok: false, error: 'time.format' };
    hour = Number(m[2]);
    minute = Number(m[3] ?? m[4] ?? 0);
  } else {
    hour = Number(m[1]);
    minute = Number(m[2] ?? 0);
    half = HALF_DAY[m[3]!];
  }
  if (minute > 59) return { ok: false, error: 'time.format' };
  if (half) {
    if (hour < 1 || hour > 12) return { ok: false, error: 'time.format' };
    // 12 am is midnight, 12 pm (and 中午12点) noon.
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour === 24 && minute === 0 && endOfDay) return { ok: true, value: '24:00' };
  if (hour > 23) return { ok: false, error: 'time.format' };
  return { ok: true, value: `${pad(hour)}:${pad(minute)}` };
}

/** '5:00 PM' / '17:00': a clock time as the language writes it (24:00 stays as it is). */
export function formatClock(clock: string, locale: Locale): string {
  if (clock === '24:00') return clock;
  const [h, m] = clock.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 1, h!, m!)));
}

const HALF_DAY_MS = 12 * 3_600_000;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`. */
function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant at which `timeZone`'s clocks show `day` `clock` (ISO, UTC). A wall time skipped by
 * a daylight-saving change reads as the same time after the change, as clocks were set forward.
 */
export function zonedInstant(day: string, clock: string, timeZone: string): string {
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi] = clock.split(':').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // The zone's offsets half a day either side: equal, except around a daylight-saving change.
  const near = wall - offsetMs(wall, timeZone);
  const before = offsetMs(near - HALF_DAY_MS, timeZone);
  const after = offsetMs(near + HALF_DAY_MS, timeZone);
  const shows = [wall - before, wall - after].filter((at) => at + offsetMs(at, timeZone) === wall);
  // Shown twice (clocks set back): the first time. Never shown (set forward): the offset before.
  return new Date(shows.length ? Math.min(...shows) : wall - before).toISOString();
}

/** The day and clock time `timeZone`'s clocks show at the instant `iso`. */
export function zonedParts(iso: string, timeZone: string): { day: string; clock: string } {
  const at = Date.parse(iso);
  const wall = new Date(at + offsetMs(at, timeZone));
  return {
    day: `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    clock: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
  };
}

/** 'GMT+8', 'EST': the zone's short name at an instant, as the language writes it. */
export function zoneShortName(timeZone: string, locale: Locale, at = Date.now()): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
