// What a date or time field makes of its text, in the console's language: the value it stands
// for, or the message that says what to write instead. The fields (components/shared/
// DateField.svelte, TimeField.svelte) show it; the rules of reading are in date-entry.ts.
import { i18n, t } from '../i18n/index.svelte.js';
import { formatClock, formatDay, parseClock, parseDay, type Parsed } from './date-entry.js';

export interface FieldReading {
  /** 'YYYY-MM-DD' or 'HH:mm'; null when the text is empty or unreadable. */
  value: string | null;
  /** Why the text is not accepted, in the console's language; null when it is. */
  error: string | null;
}

function reading(p: Parsed, text: string, required: boolean, kind: 'date' | 'time'): FieldReading {
  if (!p.ok) return { value: null, error: t(`dateEntry.error.${p.error}`, { text: text.trim() }) };
  if (p.value === null && required) return { value: null, error: t(kind === 'date' ? 'dateEntry.required.date' : 'dateEntry.required.time') };
  return { value: p.value, error: null };
}

export function readDay(text: string, required = false): FieldReading {
  return reading(parseDay(text), text, required, 'date');
}

export function readClock(text: string, required = false, endOfDay = false): FieldReading {
  return reading(parseClock(text, endOfDay), text, required, 'time');
}

/** A day as the field shows it once read ('Dec 3, 2026' / '2026年12月3日'). */
export function showDay(day: string): string {
  return day ? formatDay(day, i18n.locale) : '';
}

/** A clock time as the field shows it once read ('5:00 PM' / '17:00'). */
export function showClock(clock: string): string {
  return clock ? formatClock(clock, i18n.locale) : '';
}
