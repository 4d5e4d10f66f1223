// The caller's number as the call log stores it.
import { callerNumberOf } from '../../../contract/index.js';

/** interactions.caller_number is 20 characters: E.164 always fits, a raw number may not. */
const STORED_LENGTH = 20;

export function storedCallerNumber(normalizedPhone: string | null, dialled: string): string {
  return fitCallerNumber(callerNumberOf(normalizedPhone, dialled));
}

/** A caller number (normalised, else as dialled) cut to the column. */
export function fitCallerNumber(number: string): string {
  return number.slice(0, STORED_LENGTH);
}
