// A customer and its phones as they are written: the one place that names the columns of an
// insert, for the repository and for the seeders that load customers in bulk.
import type { ValueTier } from '../../../../contract/index.js';

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

export function customerInsertRow(c: CustomerWrite): Record<string, unknown> {
  return {
    name: c.name,
    email: c.email,
    company: c.company,
    region: c.region,
    address: c.address,
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
