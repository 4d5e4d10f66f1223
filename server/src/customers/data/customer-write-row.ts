// A customer and its phones as they are written: the one place that names the columns of an
// insert, for the repository and for the seeders that load customers in bulk. The email and the
// address are sealed here (sensitiveCustomerColumns), whoever writes a customer: the repository,
// the seeders, an import.
import type { ValueTier } from '../../../../contract/index.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';

export interface CustomerWrite {
  name: string;
  email: string | null;
  company: string | null;
  region: string | null;
  address: string | null;
  tags: string[];
  valueTier: ValueTier;
  ownerId: number | null;
  teamId: number | null;
}

export interface NormalizedPhone {
  e164: string;
  raw: string;
  label: string | null;
}

/**
 * The columns of a customer's sensitive fields as stored: email and address sealed, the email's
 * blind index beside it. Only the fields given are returned (an update names what it changes).
 * Without `fields` the values go in clear: for the seeders that run before the keys are loaded;
 * the server seals them at its next start (encryptClearFields).
 */
export function sensitiveCustomerColumns(c: Partial<Pick<CustomerWrite, 'email' | 'address'>>, fields: SensitiveFields | null): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (c.email !== undefined) {
    cols.email = fields ? fields.seal('customers.email', c.email) : c.email;
    cols.email_hash = fields ? fields.blindIndex('customers.email', c.email) : null;
  }
  if (c.address !== undefined) cols.address = fields ? fields.seal('customers.address', c.address) : c.address;
  return cols;
}

export function customerInsertRow(c: CustomerWrite, fields: SensitiveFields | null): Record<string, unknown> {
  return {
    name: c.name,
    company: c.company,
    region: c.region,
    ...sensitiveCustomerColumns(c, fields),
    tags: c.tags,
    value_tier: c.valueTier,
    owner_id: c.ownerId,
    team_id: c.teamId,
  };
}

/** A customer's phones in their order (the first is the main one). */
export function phoneInsertRows(customerId: number, phones: readonly NormalizedPhone[]): Record<string, unknown>[] {
  return phones.map((p, position) => ({ customer_id: customerId, e164: p.e164, raw: p.raw, label: p.label, position }));
}
