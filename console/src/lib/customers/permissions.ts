// What the console offers each role: the contract's rules, which the server enforces too.
import { roleEditsCustomers, roleErasesCustomers, roleExportsCustomers, roleRecordsConsent, type Role } from '@kefu/contract';

export function canEditCustomers(role: Role | undefined): boolean {
  return role !== undefined && roleEditsCustomers(role);
}

export function canRecordConsent(role: Role | undefined): boolean {
  return role !== undefined && roleRecordsConsent(role);
}

export function canExportCustomers(role: Role | undefined): boolean {
  return role !== undefined && roleExportsCustomers(role);
}

export function canEraseCustomers(role: Role | undefined): boolean {
  return role !== undefined && roleErasesCustomers(role);
}
