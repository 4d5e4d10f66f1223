// Numbers an admin types, in any written form, read as the server reads a dialled number: E.164
// in the site's default region. One number has one destination, so a list never repeats one.
import { fieldError, invalid, type KeyedFieldError } from '../../platform/domain-error.js';

/** The E.164 forms of `written`, or a 400 naming each number that is not one or is repeated. */
export function normaliseNumbers(written: readonly string[], normalize: (raw: string) => string | null, field = 'numbers'): string[] {
  const errors: KeyedFieldError[] = [];
  const seen = new Set<string>();
  const out: string[] = [];
  written.forEach((raw, i) => {
    const e164 = normalize(raw);
    if (!e164) errors.push(fieldError(`${field}.${i}`, 'phoneNumber.invalid', { number: raw }));
    else if (seen.has(e164)) errors.push(fieldError(`${field}.${i}`, 'phoneNumber.repeated', { number: e164 }));
    else {
      seen.add(e164);
      out.push(e164);
    }
  });
  if (errors.length) throw invalid(errors);
  return out;
}
