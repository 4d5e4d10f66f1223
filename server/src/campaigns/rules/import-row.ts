// One data row of a lead import, checked: the number normalised to E.164 (with the platform's
// normaliser, numbers without a country code read in the center's region), the optional fields
// parsed, the time zones decided. A row is either a lead or a rejection with its reason; the
// duplicate checks, which need the rows before it and the database, happen after.
import type { CountryCode } from 'libphonenumber-js';
import type { ImportRejection } from '../../../../contract/index.js';
import { canonicalTimeZone } from '../../platform/time-zone.js';
import { normalizePhone } from '../../platform/phone-number.js';
import { timeZonesOfNumber } from './lead-time-zone.js';

/** Where each field is in the file's records (index of its column), from the header. */
export interface ColumnMap {
  phone: number;
  name: number | null;
  priority: number | null;
  score: number | null;
  timezone: number | null;
  width: number;
}

export interface ImportedLead {
  e164: string;
  name: string | null;
  priority: number;
  score: number;
  timeZones: string[];
}

export type RowCheck = { ok: true; lead: ImportedLead } | { ok: false; reason: ImportRejection; detail: string | null };

const reject = (reason: ImportRejection, detail: string | null = null): RowCheck => ({ ok: false, reason, detail });
const INT = /^-?\d{1,6}$/;
/** Only an unreadable value is kept as detail, cut short: never a valid number (see the migration). */
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

export function checkImportRow(cells: readonly string[], cols: ColumnMap, region: CountryCode, centerZone: string): RowCheck {
  if (cells.length > cols.width) return reject('too_many_columns', String(cells.length));
  const cell = (i: number | null) => (i === null ? '' : (cells[i] ?? '').trim());
  const raw = cell(cols.phone);
  if (!raw) return reject('phone_missing');
  const e164 = normalizePhone(raw, region);
  if (!e164) return reject('phone_invalid', shown(raw));
  const name = cell(cols.name);
  if (name.length > 200) return reject('name_too_long', String(name.length));
  const p = cell(cols.priority);
  if (p && !INT.test(p)) return reject('bad_priority', shown(p));
  const s = cell(cols.score);
  if (s && !INT.test(s)) return reject('bad_score', shown(s));
  const tz = cell(cols.timezone);
  let timeZones: string[];
  if (tz) {
    const canonical = canonicalTimeZone(tz);
    if (!canonical) return reject('bad_time_zone', shown(tz));
    timeZones = [canonical];
  } else {
    timeZones = timeZonesOfNumber(e164, centerZone);
  }
  return { ok: true, lead: { e164, name: name || null, priority: p ? Number(p) : 0, score: s ? Number(s) : 0, timeZones } };
}

export interface ColumnNames {
  phone: string;
  name: string;
  priority: string;
  score: string;
  timezone: string;
}

/** The column map from the header; null when the phone column is missing. Names match ignoring case. */
export function columnMapOf(header: readonly string[], names: ColumnNames): ColumnMap | null {
  const lower = header.map((h) => h.trim().toLowerCase());
  const at = (n: string): number | null => {
    const i = lower.indexOf(n.trim().toLowerCase());
    return i < 0 ? null : i;
  };
  const phone = at(names.phone);
  if (phone === null) return null;
  return { phone, name: at(names.name), priority: at(names.priority), score: at(names.score), timezone: at(names.timezone), width: header.length };
}
