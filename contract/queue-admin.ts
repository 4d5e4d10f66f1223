// The administration's queues, phone numbers and skills: REST shapes for the console and scripts.
// Every edit carries the version it was loaded at (409 when stale), like users and teams.
import { z } from 'zod';
import { BusinessCalendar } from './settings.js';
import { ServiceLevelFormula } from './service-level.js';
import { RecordingPolicy } from './recordings.js';

const RowId = z.number().int().positive().max(2_147_483_647);
const Version = z.number().int().positive().max(2_147_483_647);
const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

/** A queue's internal name: what a caller can also dial, and what reports show. */
export const QueueName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,59}$/);
/** A phone number in any written form; the server stores its E.164 form. */
export const WrittenPhoneNumber = z.string().trim().min(3).max(40);
/** An agent's level in a queue or skill: the ACD offers a call to the highest free level first. */
export const SkillLevel = z.number().int().min(1).max(10);

/** Place-in-line weight per customer value tier (higher goes first); a missing tier weighs 0. */
const weight = z.number().int().min(0).max(100).optional();
export const TierWeights = z.object({ vip: weight, gold: weight, silver: weight, standard: weight }).strict();
export type TierWeights = z.infer<typeof TierWeights>;

export const QueueMember = z.object({ userId: RowId, skillLevel: SkillLevel.optional() }).strict();
export type QueueMember = z.infer<typeof QueueMember>;

export const AdminQueueMember = z.object({ userId: RowId, displayName: z.string(), teamId: RowId.nullable(), skillLevel: SkillLevel });
export type AdminQueueMember = z.infer<typeof AdminQueueMember>;

/** The settings a queue is created with or changed by (all optional on a change). */
const QueueSettings = {
  displayName: z.string().trim().min(1).max(200),
  skillId: RowId.nullable(),
  teamId: RowId.nullable(),
  tierWeights: TierWeights,
  ringSeconds: seconds(5, 300),
  maxWaitSeconds: seconds(10, 86_400),
  maxSize: z.number().int().min(1).max(100_000),
  overflowQueueId: RowId.nullable(),
  /** 0: the agent says when they are done. */
  wrapUpSeconds: seconds(0, 3_600),
  csatEnabled: z.boolean(),
  serviceLevelSeconds: seconds(1, 3_600),
  serviceLevelFormula: ServiceLevelFormula,
  shortAbandonSeconds: seconds(0, 600),
  /** When the queue answers; null: always open. */
  openingHours: BusinessCalendar.nullable(),
  /** Where callers go while the queue is closed; null: they hear busy. */
  outOfHoursQueueId: RowId.nullable(),
  /** Whether its calls through the media plane are recorded: all, none, or when the agent starts it. */
  recordingPolicy: RecordingPolicy,
};

export const AdminQueue = z.object({
  id: RowId,
  name: z.string(),
  displayName: z.string(),
  numbers: z.array(z.string()),
  members: z.array(AdminQueueMember),
  skillId: RowId.nullable(),
  teamId: RowId.nullable(),
  tierWeights: TierWeights,
  ringSeconds: z.number().int(),
  maxWaitSeconds: z.number().int(),
  maxSize: z.number().int(),
  overflowQueueId: RowId.nullable(),
  wrapUpSeconds: z.number().int(),
  csatEnabled: z.boolean(),
  serviceLevelSeconds: z.number().int(),
  serviceLevelFormula: ServiceLevelFormula,
  shortAbandonSeconds: z.number().int(),
  openingHours: BusinessCalendar.nullable(),
  outOfHoursQueueId: RowId.nullable(),
  recordingPolicy: RecordingPolicy,
  active: z.boolean(),
  version: Version,
});
export type AdminQueue = z.infer<typeof AdminQueue>;

const QueueSettingsPatch = z.object(QueueSettings).partial();

export const AdminQueueCreate = QueueSettingsPatch.extend({
  name: QueueName,
  numbers: z.array(WrittenPhoneNumber).max(50).default([]),
  members: z.array(QueueMember).max(2_000).default([]),
}).strict();
export type AdminQueueCreate = z.input<typeof AdminQueueCreate>;

export const AdminQueuePatch = QueueSettingsPatch.extend({
  version: Version,
  numbers: z.array(WrittenPhoneNumber).max(50).optional(),
  members: z.array(QueueMember).max(2_000).optional(),
  /** false deactivates: callers to its numbers hear busy; calls in it are served to the end. */
  active: z.boolean().optional(),
}).strict();
export type AdminQueuePatch = z.input<typeof AdminQueuePatch>;

export const AdminQueueListQuery = z
  .object({
    active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    after: z.coerce.number().int().nonnegative().max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AdminQueueListQuery = z.output<typeof AdminQueueListQuery>;
export const AdminQueuePage = z.object({ items: z.array(AdminQueue), nextAfter: RowId.nullable() });
export type AdminQueuePage = z.infer<typeof AdminQueuePage>;

// ── Phone numbers ────────────────────────────────────────────────────────────

export const PHONE_DESTINATION_KINDS = ['queue', 'agent'] as const;
/** Where a number goes; 'ivr' joins when the carrier work lands. */
export const PhoneDestination = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: RowId }).strict(),
  z.object({ kind: z.literal('agent'), userId: RowId }).strict(),
]);
export type PhoneDestination = z.infer<typeof PhoneDestination>;

export const AdminPhoneNumber = z.object({
  id: RowId,
  /** E.164. */
  number: z.string(),
  label: z.string().nullable(),
  destination: PhoneDestination,
  /** The queue's or agent's name, for lists. */
  destinationName: z.string(),
  defaultOutbound: z.boolean(),
  version: Version,
});
export type AdminPhoneNumber = z.infer<typeof AdminPhoneNumber>;

export const AdminPhoneNumberCreate = z
  .object({ number: WrittenPhoneNumber, label: z.string().trim().max(100).nullable().optional(), destination: PhoneDestination, defaultOutbound: z.boolean().optional() })
  .strict();
export type AdminPhoneNumberCreate = z.infer<typeof AdminPhoneNumberCreate>;
export const AdminPhoneNumberPatch = z
  .object({ version: Version, label: z.string().trim().max(100).nullable().optional(), destination: PhoneDestination.optional(), defaultOutbound: z.boolean().optional() })
  .strict();
export type AdminPhoneNumberPatch = z.infer<typeof AdminPhoneNumberPatch>;
export const AdminPhoneNumberList = z.object({ items: z.array(AdminPhoneNumber) });
export type AdminPhoneNumberList = z.infer<typeof AdminPhoneNumberList>;

// ── Skills ───────────────────────────────────────────────────────────────────

export const AdminSkill = z.object({ id: RowId, name: z.string(), agents: z.number().int().nonnegative(), version: Version });
export type AdminSkill = z.infer<typeof AdminSkill>;
export const AdminSkillCreate = z.object({ name: z.string().trim().min(1).max(60) }).strict();
export type AdminSkillCreate = z.infer<typeof AdminSkillCreate>;
export const AdminSkillPatch = z.object({ version: Version, name: z.string().trim().min(1).max(60) }).strict();
export type AdminSkillPatch = z.infer<typeof AdminSkillPatch>;
export const AdminSkillList = z.object({ items: z.array(AdminSkill) });
export type AdminSkillList = z.infer<typeof AdminSkillList>;

/** An agent's skills and queues, as their supervisor (own team) or an admin edits them. */
export const AgentRouting = z.object({
  userId: RowId,
  displayName: z.string(),
  teamId: RowId.nullable(),
  skills: z.array(z.object({ skillId: RowId, name: z.string(), level: SkillLevel })),
  queues: z.array(z.object({ queueId: RowId, name: z.string(), skillLevel: SkillLevel })),
});
export type AgentRouting = z.infer<typeof AgentRouting>;
export const AgentRoutingPut = z
  .object({
    skills: z.array(z.object({ skillId: RowId, level: SkillLevel }).strict()).max(100).optional(),
    queues: z.array(z.object({ queueId: RowId, skillLevel: SkillLevel.optional() }).strict()).max(200).optional(),
  })
  .strict();
export type AgentRoutingPut = z.infer<typeof AgentRoutingPut>;

// ── Start-up checklist ───────────────────────────────────────────────────────

export const SETUP_STEPS = ['team', 'agents', 'queue', 'members', 'testCall'] as const;
export const SetupStep = z.enum(SETUP_STEPS);
export type SetupStep = z.infer<typeof SetupStep>;
/** Shown on a fresh site outside demo mode; each step ticks itself from the data. */
export const SetupChecklist = z.object({
  show: z.boolean(),
  steps: z.array(z.object({ step: SetupStep, done: z.boolean() })),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;
