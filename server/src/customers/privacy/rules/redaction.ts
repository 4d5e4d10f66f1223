// What erasure writes in place of personal data. Text becomes one fixed marker; phone numbers
// become tokens: a keyed hash, so the same number gives the same token (calls from one erased
// number still count as one caller) but the number cannot be recovered without the key, and
// the token has no digits, so no phone search can ever match it.

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
 * outcomes, ids, times, priorities) stays for the timeline and the reports. A text is kept only
 * when its own key and every key above it name such a fact: a field change
 * `{changes: {priority: {from, to}}}` keeps its values, `{changes: {subject: {from, to}}}` does not.
 */
const FACT_KEYS = new Set(['action', 'from', 'to', 'kind', 'priority', 'severity', 'reason', 'outcome', 'dueAt', 'nextDueAt', 'number', 'clock', 'level', 'status', 'category', 'rootCause', 'channel', 'assigneeId', 'teamId']);
const CONTAINER_KEYS = new Set(['changes']);

export function redactDetail(detail: unknown, key: string | null = null, trusted = true): unknown {
  if (typeof detail === 'string') return trusted && key !== null && FACT_KEYS.has(key) ? detail : REDACTED;
  if (Array.isArray(detail)) return detail.map((d) => redactDetail(d, null, false));
  if (detail && typeof detail === 'object') {
    return Object.fromEntries(
      Object.entries(detail).map(([k, v]) => [k, redactDetail(v, k, trusted && (key === null || CONTAINER_KEYS.has(key) || FACT_KEYS.has(key)))]),
    );
  }
  return detail;
}
