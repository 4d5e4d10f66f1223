// What erasure writes in place of personal data. Text becomes one fixed marker; phone numbers
// become tokens: a keyed hash, so the same number gives the same token (calls from one erased
// number still count as one caller) but the number cannot be recovered without the key, and
// the token has no digits, so no phone search can ever match it.

import { mapFreeTexts } from '../../../platform/crypto/document-texts.js';
import { CASE_EVENT_TEXTS } from '../../../platform/crypto/sensitive-fields.js';

export const REDACTED = '[redacted]';
export const ERASED_NAME = 'Erased customer';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** 'x' and 19 letters from the keyed hash of the number: fits the 20-character number columns. */
export function phoneToken(keyedHashHex: string): string {
  let out = 'x';
  for (let i = 0; i < 19; i++) out += LETTERS[parseInt(keyedHashHex.slice(i * 2, i * 2 + 2), 16) % 26];
  return out;
}

/**
 * A case event's detail with every free text replaced; what says what happened (status moves,
 * outcomes, ids, times, priorities) stays for the timeline and the reports. The same rule tells
 * which texts are sealed at rest (CASE_EVENT_TEXTS), so erasure reaches every sealed one.
 */
export function redactDetail(detail: unknown): unknown {
  return mapFreeTexts(detail, CASE_EVENT_TEXTS, () => REDACTED);
}
