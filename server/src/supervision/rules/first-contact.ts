// First-contact resolution: an answered call from a known customer is resolved at first contact
// when the customer does not get in touch again within the window (7 days unless chosen).

export interface FirstContactInput {
  answered: boolean;
  customerId: number | null;
  /** When the call came in (ms). */
  at: number;
  /** The customer's next contact of any kind after this call, if any (ms). */
  nextContactAt: number | null;
  windowDays: number;
  now: number;
}

/**
 * true: resolved; false: they came back within the window; null: the call does not count (not
 * answered, no known customer) or cannot be judged yet (the window is still open, no repeat so far).
 */
export function firstContactResolved(i: FirstContactInput): boolean | null {
  if (!i.answered || i.customerId === null) return null;
  const windowEnd = i.at + i.windowDays * 86_400_000;
  if (i.nextContactAt !== null && i.nextContactAt <= windowEnd) return false;
  return i.now >= windowEnd ? true : null;
}
