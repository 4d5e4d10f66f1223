// What each role may do, as plain rules on the role. The server enforces them
// (server/src/customers/rules/access-policy.ts, requireRole on routes); the console reads the same
// rules to hide what the server would refuse, so the two cannot drift apart.
import type { Role } from './domain.js';

/** Those who manage others: they see reports and receive escalations. */
export const SUPERVISING_ROLES = ['supervisor', 'admin'] as const satisfies readonly Role[];
/** Those who take calls on a softphone and work the agent desk. */
export const CALL_TAKING_ROLES = ['agent', 'supervisor'] as const satisfies readonly Role[];
/** The people who talk to customers, and their managers: they edit customers and work cases. */
export const CUSTOMER_SERVICE_ROLES = ['agent', 'supervisor', 'admin'] as const satisfies readonly Role[];

const isIn = (group: readonly Role[], role: Role): boolean => group.includes(role);

export function roleSupervises(role: Role): boolean {
  return isIn(SUPERVISING_ROLES, role);
}

export function roleTakesCalls(role: Role): boolean {
  return isIn(CALL_TAKING_ROLES, role);
}

/** Marketers work lists, not cases: ticket and complaint details stay hidden from them. */
export function roleSeesCases(role: Role): boolean {
  return role !== 'marketer';
}

/** Creating and editing customers is for the people who talk to them and their managers. */
export function roleEditsCustomers(role: Role): boolean {
  return isIn(CUSTOMER_SERVICE_ROLES, role);
}

/** Only supervisors and admins hand a customer to another owner. */
export function roleReassignsOwners(role: Role): boolean {
  return roleSupervises(role);
}

/**
 * A customer's data export (access and portability) is a request handled by managers, who see the
 * customer and answer for the request: supervisors (their team's customers) and admins.
 */
export const DATA_REQUEST_ROLES = ['supervisor', 'admin'] as const satisfies readonly Role[];

export function roleExportsCustomers(role: Role): boolean {
  return isIn(DATA_REQUEST_ROLES, role);
}

/** Erasure cannot be undone: admins only. */
export function roleErasesCustomers(role: Role): boolean {
  return role === 'admin';
}

/** Consent is recorded by whoever talks to the customer (and their managers); marketers read it. */
export function roleRecordsConsent(role: Role): boolean {
  return isIn(CUSTOMER_SERVICE_ROLES, role);
}
