// The audit log as admins read it: filters, one page of entries, and the CSV export.
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
/** A time the client sends: ISO-8601 with a zone. */
const IsoInput = z.string().datetime({ offset: true });

export const AuditOutcome = z.enum(['allowed', 'denied']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** Filters shared by the page and the export; every one optional, all of them combined. */
export const AuditFilter = z
  .object({
    userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    /** An action ("customer.view"), or a family of them ending in a dot ("customer."). */
    action: text(60)
      .regex(/^[a-z0-9_.]+$/)
      .min(1)
      .optional(),
    entity: text(40).min(1).optional(),
    entityId: text(40).min(1).optional(),
    outcome: AuditOutcome.optional(),
    from: IsoInput.optional(),
    to: IsoInput.optional(),
    /**
     * What was searched for: a phone number in any written form, or search text. The server
     * hashes it as the log does, so "who looked up this number" is found without the log
     * keeping the number.
     */
    term: text(100).min(1).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditQuery = AuditFilter.extend({
  /** The cursor of the next page: entries older than this one. */
  before: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** csv: the whole filtered log as a CSV download (the same as /export). */
  format: z.enum(['json', 'csv']).default('json'),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: AuditOutcome,
  rowCount: z.number().int().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.record(z.unknown()).nullable(),
  /** The keyed hash of what was searched for, when the entry is a search. */
  searchHash: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditPage = z.object({ items: z.array(AuditEntryView), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

/** The audit log's retention: the period in force (KEFU_AUDIT_RETENTION_DAYS) and the last purge. */
export const AuditRetentionStatus = z.object({
  keepDays: z.number().int(),
  lastPurge: z
    .object({
      at: z.string(),
      /** Entries removed by that purge. */
      purged: z.number().int(),
      /** The last entry removed: the chain now starts after it. */
      throughId: z.string(),
    })
    .nullable(),
});
export type AuditRetentionStatus = z.infer<typeof AuditRetentionStatus>;

/** POST /api/admin/audit/purge: what one purge removed (0 when nothing was older than the period). */
export const AuditPurgeReport = z.object({ at: z.string(), keepDays: z.number().int(), purged: z.number().int(), throughId: z.string().nullable() });
export type AuditPurgeReport = z.infer<typeof AuditPurgeReport>;

/** Audit entries are kept 3 years unless KEFU_AUDIT_RETENTION_DAYS says otherwise (at least 1 year). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 1095;
export const MIN_AUDIT_RETENTION_DAYS = 365;
