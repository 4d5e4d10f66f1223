// Calling a customer whose numbers the caller sees masked: the console names the number by
// reference (the customer and the place of the number in their list, as shown), the server
// answers a one-time dial token, and the agent's phone dials the token. The switch turns the
// token back into the number, so the digits never reach the agent's browser.
import { z } from 'zod';

/** The user part of a dial token's Request-URI: `dial.` and 32 hex digits (unreserved in SIP). */
export const DIAL_TOKEN_PATTERN = /^dial\.[0-9a-f]{32}$/;

/** Whether a dialled user part is a dial token rather than a number or an extension. */
export function isDialToken(user: string | undefined): boolean {
  return user !== undefined && DIAL_TOKEN_PATTERN.test(user);
}

/** POST /api/customers/:id/phones/:index/dial: the number at `index` in the customer's list. */
export const MaskedDialParams = z
  .object({
    id: z.coerce.number().int().positive().max(2 ** 53 - 1),
    index: z.coerce.number().int().min(0).max(9),
  })
  .strict();
export type MaskedDialParams = z.infer<typeof MaskedDialParams>;

/**
 * The number as the console showed it (masked): the server checks the index still names that
 * number, so a list changed meanwhile cannot dial a different one than the agent chose.
 */
export const MaskedDialRequest = z.object({ shown: z.string().trim().min(1).max(40) }).strict();
export type MaskedDialRequest = z.infer<typeof MaskedDialRequest>;

export const MaskedDial = z.object({
  /** What the phone dials; valid once, for this user, for `expiresInSeconds`. */
  target: z.string().regex(DIAL_TOKEN_PATTERN),
  /** The number as the caller may see it (masked), to show while the call lasts. */
  shownAs: z.string(),
  expiresInSeconds: z.number().int(),
});
export type MaskedDial = z.infer<typeof MaskedDial>;
