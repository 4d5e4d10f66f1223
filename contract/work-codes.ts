// The codes agents choose from, set up by admins: Not-ready reasons (on the desk) and
// disposition codes (at wrap-up). Each has words in English and 简体中文 and is active or
// retired; a retired code is no longer offered, but history and state views still show its words.
import { z } from 'zod';

const RowId = z.number().int().positive().max(2_147_483_647);
const Version = z.number().int().positive().max(2_147_483_647);
const Label = z.string().trim().min(1).max(100);
const Sort = z.number().int().min(0).max(10_000);

/** A code as scripts and history keep it: lower-case letters, digits and _, starting with a letter. */
export const WorkCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/);

// ── Not-ready reasons ─────────────────────────────────────────────────────────

/**
 * Reasons the system sets by itself (a missed offer, wrap-up time over, just signed in); never
 * offered to agents and never admin data. Their words are the console's catalogue's.
 */
export const SYSTEM_NOT_READY_REASONS = ['missed', 'after_call', 'login'] as const;
export type SystemNotReadyReason = (typeof SYSTEM_NOT_READY_REASONS)[number];
export const isSystemNotReadyReason = (code: string): code is SystemNotReadyReason =>
  (SYSTEM_NOT_READY_REASONS as readonly string[]).includes(code);

/** The reason an agent gives: one of the admin's active reasons, checked by the server. */
export const NotReadyReasonCode = WorkCode;

export const NotReadyReason = z.object({
  id: RowId,
  code: z.string(),
  label: z.string(),
  labelZh: z.string(),
  active: z.boolean(),
  sort: z.number().int(),
  version: Version,
});
export type NotReadyReason = z.infer<typeof NotReadyReason>;

/** Every reason, retired ones too (their words are still needed), in the order agents see them. */
export const NotReadyReasonList = z.object({ items: z.array(NotReadyReason) });
export type NotReadyReasonList = z.infer<typeof NotReadyReasonList>;

export const NotReadyReasonCreate = z
  .object({ code: WorkCode, label: Label, labelZh: Label, sort: Sort.optional() })
  .strict();
export type NotReadyReasonCreate = z.infer<typeof NotReadyReasonCreate>;

/** The code never changes: history and agents' states keep it. Retire instead. */
export const NotReadyReasonPatch = z
  .object({ version: Version, label: Label.optional(), labelZh: Label.optional(), sort: Sort.optional(), active: z.boolean().optional() })
  .strict();
export type NotReadyReasonPatch = z.infer<typeof NotReadyReasonPatch>;

// ── Disposition codes ─────────────────────────────────────────────────────────

/**
 * A wrap-up code as admins see it. `queueId` null: a shared code, offered for calls outside a
 * queue and in queues that have no active code of their own.
 */
export const AdminDisposition = z.object({
  id: RowId,
  queueId: RowId.nullable(),
  queueName: z.string().nullable(),
  code: z.string(),
  label: z.string(),
  labelZh: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  /** Its words name a case or complaint, so call history hides them from those who may not see it. */
  revealsCase: z.boolean(),
  version: Version,
});
export type AdminDisposition = z.infer<typeof AdminDisposition>;

/** The codes, and the queues a code can be given to (a queue without codes of its own too). */
export const AdminDispositionList = z.object({
  items: z.array(AdminDisposition),
  queues: z.array(z.object({ id: RowId, name: z.string() })),
});
export type AdminDispositionList = z.infer<typeof AdminDispositionList>;

export const AdminDispositionCreate = z
  .object({
    queueId: RowId.nullable().optional(),
    code: WorkCode,
    label: Label,
    labelZh: Label,
    sort: Sort.optional(),
    revealsCase: z.boolean().optional(),
  })
  .strict();
export type AdminDispositionCreate = z.infer<typeof AdminDispositionCreate>;

/** The code and its queue never change: call history keeps the code. Retire instead. */
export const AdminDispositionPatch = z
  .object({
    version: Version,
    label: Label.optional(),
    labelZh: Label.optional(),
    sort: Sort.optional(),
    active: z.boolean().optional(),
    revealsCase: z.boolean().optional(),
  })
  .strict();
export type AdminDispositionPatch = z.infer<typeof AdminDispositionPatch>;
