// Deciding whether a search box entry is a phone number or words. Pure.

const URI_PREFIX = /^(tel|sips?):/i;
const PHONE_CHARS = /^[\d\s+\-().]+$/;

/** Digits, spaces, + - ( ) . only, or a tel:/sip: URI — with at least 5 digits. */
export function looksLikePhone(input: string): boolean {
  const s = input.trim();
  const digits = s.replace(/\D/g, '').length;
  return digits >= 5 && (PHONE_CHARS.test(s) || URI_PREFIX.test(s));
}

/** Whether a text search is a sensible second try (a tel:/sip: URI is never a name). */
export function couldBeText(input: string): boolean {
  const s = input.trim();
  return s.length > 0 && s.length <= 100 && !URI_PREFIX.test(s);
}
