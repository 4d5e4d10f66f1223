// The running statuses (contract RUNNING_CASE_STATUSES) as SQL, for statements written by hand.
import { RUNNING_CASE_STATUSES } from '../../../../contract/index.js';

// The values are the contract's fixed literals, never input, so they may be inlined; the partial
// indexes on open cases (tickets_customer_open) match only when the list is literal.
const LIST = RUNNING_CASE_STATUSES.map((s) => `'${s}'`).join(', ');

/** `<alias>.status IN ('new', 'open', 'pending_customer')`, or unqualified without an alias. */
export function runningStatusSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}status IN (${LIST})`;
}
