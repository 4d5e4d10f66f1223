// The row of a number kefu answers, written once for the seed, the benchmarks and the tests:
// stored as E.164, read in the site's default region, like customers' numbers.
import type { CountryCode } from 'libphonenumber-js/max';
import { normalizePhone } from '../../platform/phone-number.js';

export interface PhoneNumberRow {
  e164: string;
  destination_kind: 'queue' | 'agent';
  queue_id: number | null;
  user_id: number | null;
}

/** A number that reaches a queue; throws on a number that is not one (a fixture bug). */
export function queueNumberRow(queueId: number, written: string, region: CountryCode = 'CN'): PhoneNumberRow {
  const e164 = normalizePhone(written, region);
  if (!e164) throw new Error(`Not a phone number: ${written}`);
  return { e164, destination_kind: 'queue', queue_id: queueId, user_id: null };
}
