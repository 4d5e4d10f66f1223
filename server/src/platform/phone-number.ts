// Caller identity: every number is stored and looked up as E.164.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Strips the decorations callers and SIP headers put around a number. */
function clean(input: string): string {
  let s = input.trim();
  s = s.replace(/^(tel|sip|sips):/i, '');
  s = s.replace(/@.*$/, ''); // sip:+86138...@domain
  s = s.replace(/;.*$/, ''); // tel:+86...;phone-context=...
  // International call prefix written out: 00 (China, most of the world), 011 (NANP).
  if (/^00[1-9]/.test(s.replace(/[\s\-().]/g, ''))) s = '+' + s.replace(/[\s\-().]/g, '').slice(2);
  return s;
}

/**
 * Returns the E.164 form of a phone number, or null when it is not a valid number.
 * Numbers without a country code are read in `defaultRegion`.
 */
export function normalizePhone(input: string, defaultRegion: CountryCode): string | null {
  if (input.length > 60) return null;
  const cleaned = clean(input);
  if (!/\d/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}
