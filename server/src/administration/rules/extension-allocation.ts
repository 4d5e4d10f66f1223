// Who gets an extension, and which one: people who take calls get the next free number of the
// agents' block, so an admin adding twenty agents never has to pick numbers by hand.
import { roleTakesCalls, type Role } from '../../../../contract/index.js';

/** The block extensions are given out from; an admin may still type any 2–8 digit number. */
export const EXTENSION_BLOCK = { first: 1001, last: 8999 } as const;

/** Whether a new user of this role is given an extension when the admin names none. */
export const needsExtension = (role: Role): boolean => roleTakesCalls(role);

/** The lowest free extension of the block, or null when every one is taken. */
export function nextFreeExtension(taken: ReadonlySet<string>): string | null {
  for (let n = EXTENSION_BLOCK.first; n <= EXTENSION_BLOCK.last; n++) {
    if (!taken.has(String(n))) return String(n);
  }
  return null;
}
