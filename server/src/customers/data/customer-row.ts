// A customer as the database gives it, and its mapping to the contract's shapes. Shared by the
// repository's single reads and the screen-pop statement, which gets the same rows as JSON.
import type { Customer, CustomerSummary, Phone, RfmSegment, ValueTier } from '../../../../contract/index.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';

export interface CustomerRow {
  id: number;
  name: string;
  email: string | null;
  company: string | null;
  region: string | null;
  address: string | null;
  tags: string[];
  value_tier: ValueTier;
  owner_id: number | null;
  owner_name?: string | null;
  team_id: number | null;
  last_contact_at: Date | null;
  created_at: Date;
  updated_at: Date;
  erased_at?: Date | null;
  phones: Phone[] | null;
  /** Present when the read joined the customer's RFM row as `rf` (RFM_COLUMNS); null: never bought. */
  rfm_segment?: RfmSegment | null;
  rfm_recency?: number | null;
  rfm_frequency?: number | null;
  rfm_monetary?: number | null;
  rfm_computed_at?: Date | null;
}

/** The RFM columns of a customer row: `rf` is customer_rfm joined on the customer (a primary-key read). */
export const RFM_COLUMNS = 'rf.segment AS rfm_segment, rf.recency AS rfm_recency, rf.frequency AS rfm_frequency, rf.monetary AS rfm_monetary, rf.computed_at AS rfm_computed_at';

/** The `phones` column of a customer row: `c` is the customers alias. */
export const PHONES_JSON = `COALESCE((SELECT json_agg(json_build_object('e164', p.e164, 'raw', p.raw, 'label', p.label)
  ORDER BY p.position, p.id) FROM customer_phones p WHERE p.customer_id = c.id), '[]'::json) AS phones`;

/** The row's sealed email and address are opened here, for every read of a customer. */
export function toSummary(r: CustomerRow, fields: SensitiveFields): CustomerSummary {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    email: fields.open('customers.email', r.email),
    valueTier: r.value_tier,
    tags: r.tags,
    phones: r.phones ?? [],
    lastContactAt: iso(r.last_contact_at),
  };
}

export function toCustomer(r: CustomerRow, fields: SensitiveFields): Customer {
  return {
    ...toSummary(r, fields),
    region: r.region,
    address: fields.open('customers.address', r.address),
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    createdAt: isoRequired(r.created_at),
    updatedAt: isoRequired(r.updated_at),
    erasedAt: iso(r.erased_at ?? null),
    ...(r.rfm_segment === undefined ? {} : { rfm: rfmOf(r) }),
  };
}

function rfmOf(r: CustomerRow): Customer['rfm'] {
  if (!r.rfm_segment || !r.rfm_recency || !r.rfm_frequency || !r.rfm_monetary || !r.rfm_computed_at) return null;
  return { segment: r.rfm_segment, recency: r.rfm_recency, frequency: r.rfm_frequency, monetary: r.rfm_monetary, computedAt: isoRequired(r.rfm_computed_at) };
}
