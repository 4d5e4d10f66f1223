// What the console offers each role: the contract's rules, which the server enforces too.
import { roleEditsCustomers, type Role } from '@kefu/contract';

export function canEditCustomers(role: Role | undefined): boolean {
  return role !== undefined && roleEditsCustomers(role);
}
