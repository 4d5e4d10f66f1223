// What each role may do, as plain rules on the role. The server enforces them
// (server/src/customers/rules/access-policy.ts); the console reads the same rules to hide what the
// server would refuse, so the two cannot drift apart.
import type { Role } from './domain.js';

/** Marketers work lists, not cases: ticket and complaint details stay hidden from them. */
export function roleSeesCases(role: Role): boolean {
  return role !== 'marketer';
}

/** Creating and editing customers is for the people who talk to them and their managers. */
export function roleEditsCustomers(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin';
}

/** Only supervisors and admins hand a customer to another owner. */
export function roleReassignsOwners(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}
