// One data row of a purchases file, checked: who bought (a customer id, or one of their phone
// numbers normalised to E.164 as lead imports read them), when (a date or a time, read in the
// center's zone when it gives no offset), how much, and what. The checks that need the database
// (does the customer exist, was the order imported before) happen after, in one statement each.
import type { CountryCode } from 'libphonenumber-js';
import type { PurchaseRejection } from '../../../../contract/index.js';
import { normalizePhone } from '../../platform/phone-number.js';
import { dayNumberOf, localDaySpans, offsetAt } from '../../platform/time-zone.js';

export interface PurchaseColumns {
  customer: number | null;
  phone: number | null;
  date: number;
  amount: number;
  currency: number | null;
  product: number | null;
  category: number | null;
  order: number | null;
  width: number;
}

export interface PurchaseColumnNames {
  customer: string;
  phone: string;
  date: string;
  amount: string;
  currency: string;
  product: string;
  category: string;
  order: string;
}

/** The field whose column the header lacks, or the map. A customer id or a phone column is needed. */
export function purchaseColumnsOf(header: readonly string[], names: PurchaseColumnNames): PurchaseColumns | { missing: keyof PurchaseColumnNames } {
  const lower = header.map((h) => h.trim().toLowerCase());
  const at = (n: string): number | null => {
    const i = lower.indexOf(n.trim().toLowerCase());
    return i < 0 ? null : i;
  };
  const customer = at(names.customer);
  const phone = at(names.phone);
  if (customer === null && phone === null) return { missing: 'customer' };
  const date = at(names.date);
  if (date === null) return { missing: 'date' };
  const amount = at(names.amount);
  if (amount === null) return { missing: 'amount' };
  return { customer, phone, date, amount, currency: at(names.currency), product: at(names.product), category: at(names.category), order: at(names.order), width: header.length };
}

export interface CheckedPurchase {
  customerId: number | null;
  e164: string | null;
  purchasedAt: Date;
  amount: string;
  currency: string | null;
  product: string | null;
  category: string | null;
  orderRef: string | null;
}

export type PurchaseCheck = { ok: true; purchase: CheckedPurchase } | { ok: false; reason: PurchaseRejection; detail: string | null };

const reject = (reason: PurchaseRejection, detail: string | null = null): PurchaseCheck => ({ ok: false, reason, detail });
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
const CUSTOMER_ID = /^\d{1,15}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const MAX_TEXT = 200;
/** Purchases are history: a date far in the future is a typo. */
const LATEST_MS = Date.UTC(2100, 0, 1);
const EARLIEST_MS = Date.UTC(1970, 0, 1);

/** The instant of a date ('YYYY-MM-DD': the start of that day in `zone`), a local time, or an ISO time with offset. */
export function purchaseTime(raw: string, zone: string): Date | null {
  const day = dayNumberOf(raw);
  const local = LOCAL_TIME.exec(raw);
  let ms: number;
  if (day !== null) ms = localDaySpans(zone, day)[0]?.from ?? day * 86_400_000;
  else if (local) {
    const d = dayNumberOf(local[1]!);
    const [h, m, s] = [Number(local[2]), Number(local[3]), Number(local[4] ?? 0)];
    if (d === null || h > 23 || m > 59 || s > 59) return null;
    const wall = d * 86_400_000 + ((h * 60 + m) * 60 + s) * 1000;
    ms = wall - offsetAt(zone, wall - offsetAt(zone, wall));
  } else {
    // Only full ISO times with an offset or Z; Date.parse reads too much else.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
    ms = Date.parse(raw);
  }
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS ? new Date(ms) : null;
}

export function checkPurchaseRow(cells: readonly string[], cols: PurchaseColumns, region: CountryCode, zone: string): PurchaseCheck {
  if (cells.length > cols.width) return reject('too_many_columns', String(cells.length));
  const cell = (i: number | null) => (i === null ? '' : (cells[i] ?? '').trim());
  const id = cell(cols.customer);
  const phone = cell(cols.phone);
  let customerId: number | null = null;
  let e164: string | null = null;
  if (id) {
    if (!CUSTOMER_ID.test(id)) return reject('customer_unknown', shown(id));
    customerId = Number(id);
  } else if (phone) {
    e164 = normalizePhone(phone, region);
    // An unreadable value is kept as detail; a readable number never is (it may be a customer's).
    if (!e164) return reject('customer_unknown', shown(phone));
  } else return reject('customer_missing');
  const when = cell(cols.date);
  const purchasedAt = when ? purchaseTime(when, zone) : null;
  if (!purchasedAt) return reject('bad_date', when ? shown(when) : null);
  const amount = cell(cols.amount);
  if (!AMOUNT.test(amount)) return reject('bad_amount', amount ? shown(amount) : null);
  const currency = cell(cols.currency);
  if (currency && !CURRENCY.test(currency)) return reject('bad_currency', shown(currency));
  const product = cell(cols.product);
  const category = cell(cols.category);
  const orderRef = cell(cols.order);
  if (product.length > MAX_TEXT || category.length > MAX_TEXT || orderRef.length > 100) return reject('text_too_long');
  return {
    ok: true,
    purchase: { customerId, e164, purchasedAt, amount, currency: currency ? currency.toUpperCase() : null, product: product || null, category: category || null, orderRef: orderRef || null },
  };
}
