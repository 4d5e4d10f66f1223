// Pure helpers of the settings editors: durations as the admin types them, and the checks that
// can be made before asking the server (which checks everything again).
import type { FieldError, SlaDuration, TimeBasis } from '@kefu/contract';

export type DurationUnit = 'minutes' | 'hours';

/** A duration as typed: the amount is text until it is saved. */
export interface DurationDraft {
  amount: string;
  unit: DurationUnit;
  time: TimeBasis;
}

const FACTOR: Record<DurationUnit, number> = { minutes: 1, hours: 60 };

/** Whole hours are shown in hours, anything else in minutes. */
export function toDraft(d: SlaDuration): DurationDraft {
  const unit: DurationUnit = d.minutes % 60 === 0 ? 'hours' : 'minutes';
  return { amount: String(d.minutes / FACTOR[unit]), unit, time: d.time };
}

/** The duration to save, or null when the amount is not a positive number of whole minutes. */
export function fromDraft(d: DurationDraft): SlaDuration | null {
  const text = d.amount.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const minutes = Number(text) * FACTOR[d.unit];
  if (!Number.isInteger(minutes) || minutes <= 0) return null;
  return { time: d.time, minutes };
}

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const isTimeOfDay = (s: string) => HH_MM.test(s) || s === '24:00';

/** 'H:MM' typed without the leading zero is accepted and written back as 'HH:MM'. */
export function normalizeTime(s: string): string {
  const t = s.trim();
  return /^\d:[0-5]\d$/.test(t) ? `0${t}` : t;
}

export const isLocalDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The messages for one field: its own, and with `nested` those of the fields inside it. */
export function messagesAt(errors: readonly FieldError[], path: string, nested = true): string[] {
  return errors.filter((e) => e.field === path || (nested && e.field.startsWith(`${path}.`))).map((e) => e.message);
}
