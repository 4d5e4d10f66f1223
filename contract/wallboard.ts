// The supervisors' live floor (the wallboard) and the call reports: one row per queue and per
// agent, with figures computed by the server's one metrics module (server/src/supervision/rules).
import { z } from 'zod';
import { AgentState } from './domain.js';
import { ServiceLevelFormula } from './service-level.js';
import { coded } from './messages.js';

const iso = z.string();
const count = z.number().int().nonnegative();
const share = z.number().nullable();
const seconds = z.number().nullable();

export const QueueFiguresView = z.object({
  offered: count,
  answered: count,
  /** Abandoned after the queue's short-abandon limit. */
  abandoned: count,
  /** Abandoned within the short-abandon limit: counted apart, left out of SL and abandonment rate. */
  shortAbandoned: count,
  /** Ended unanswered for another reason: queue full, longest wait reached, interrupted. */
  unanswered: count,
  answeredWithinThreshold: count,
  /** 0–1 under the queue's formula; null when no call counts yet. */
  serviceLevel: share,
  asaSeconds: seconds,
  ahtSeconds: seconds,
  abandonmentRate: share,
});
export type QueueFiguresView = z.infer<typeof QueueFiguresView>;

export const ServiceLevelSettingView = z.object({
  thresholdSeconds: z.number().int(),
  formula: ServiceLevelFormula,
  shortAbandonSeconds: z.number().int(),
});
export type ServiceLevelSettingView = z.infer<typeof ServiceLevelSettingView>;

export const QueueFloorRow = z.object({
  queueId: z.number().int(),
  name: z.string(),
  teamId: z.number().int().nullable(),
  serviceLevelSetting: ServiceLevelSettingView,
  /** Callers waiting now, and since when the longest has waited (null: nobody waits). */
  waiting: count,
  oldestWaitingSince: iso.nullable(),
  /** The queue's members by state now (ringing counts as on a call; logged-out members are left out). */
  agents: z.object({ ready: count, onCall: count, wrapUp: count, notReady: count }),
  /** Today's figures, since `dayStart`. */
  today: QueueFiguresView,
});
export type QueueFloorRow = z.infer<typeof QueueFloorRow>;

const stateSeconds = z.number().int();
/** Whole seconds spent in each state. */
export const StateSecondsView = z.object({
  logged_out: stateSeconds,
  ready: stateSeconds,
  not_ready: stateSeconds,
  ringing: stateSeconds,
  on_call: stateSeconds,
  wrap_up: stateSeconds,
}) satisfies z.ZodType<Record<AgentState, number>>;

export const AgentFloorCall = z.object({
  callId: z.string(),
  /** The matched customer's name, when the number belongs to exactly one. */
  callerName: z.string().nullable(),
  /** The caller's number, masked (the wallboard never shows whole numbers). */
  callerNumber: z.string(),
  queueName: z.string().nullable(),
  state: z.enum(['ringing', 'talking', 'held', 'wrap_up']),
  answeredAt: iso.nullable(),
});
export type AgentFloorCall = z.infer<typeof AgentFloorCall>;

/** An agent's call figures over a day or an interval: the wallboard's "today", a report's row. */
export const AgentFiguresView = z.object({
  callsHandled: count,
  ahtSeconds: seconds,
  /** Busy (on a call, wrap-up) over staffed time. */
  occupancy: share,
  stateSeconds: StateSecondsView,
});
export type AgentFiguresView = z.infer<typeof AgentFiguresView>;

export const AgentFloorRow = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  teamId: z.number().int().nullable(),
  queueIds: z.array(z.number().int()),
  state: AgentState,
  reason: z.string().nullable(),
  since: iso,
  phoneReachable: z.boolean(),
  call: AgentFloorCall.nullable(),
  /** As of `figuresAt`. */
  today: AgentFiguresView,
  figuresAt: iso,
});
export type AgentFloorRow = z.infer<typeof AgentFloorRow>;

/** The rows of the floor as of `serverNow`, in the day they count in: a snapshot's and a push's. */
const FloorRows = z.object({
  serverNow: iso,
  /** Today began at this instant: midnight in the contact center's time zone. */
  dayStart: iso,
  dayEnd: iso,
  queues: z.array(QueueFloorRow),
  agents: z.array(AgentFloorRow),
});

export const WallboardSnapshot = FloorRows.extend({
  timeZone: z.string(),
  teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type WallboardSnapshot = z.infer<typeof WallboardSnapshot>;

/** What changed since the last push: whole rows, to replace by id (a new day sends everything). */
export const WallboardDelta = FloorRows.extend({
  /** Agents no longer on the floor (deactivated, or no longer taking calls). */
  removedAgentIds: z.array(z.number().int()),
  /** A new day began or the queues changed: the rows replace all the previous ones. */
  full: z.boolean(),
});
export type WallboardDelta = z.infer<typeof WallboardDelta>;

// ── call reports ────────────────────────────────────────────────────────────

export const CALL_INTERVALS = ['15min', 'hour', 'day'] as const;
export const CallInterval = z.enum(CALL_INTERVALS);
export type CallInterval = z.infer<typeof CallInterval>;

const IsoInput = z.string().datetime({ offset: true });
/** At most this many intervals per report (e.g. 15-minute rows over about a month). */
export const MAX_REPORT_INTERVALS = 3_000;

export const CallReportQuery = z
  .object({
    from: IsoInput,
    to: IsoInput,
    interval: CallInterval.default('day'),
    teamId: z.coerce.number().int().positive().optional(),
    /** First-contact resolution: no repeat contact from the customer within this many days. */
    fcrDays: z.coerce.number().int().min(1).max(90).default(7),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { ...coded('report.fromBeforeTo'), path: ['from'] });
export type CallReportQuery = z.infer<typeof CallReportQuery>;

export const CallReportQueueRow = z.object({
  intervalStart: iso,
  queueId: z.number().int(),
  queueName: z.string(),
  figures: QueueFiguresView,
  /** Answered calls with a known customer, and those with no repeat contact within fcrDays. */
  fcrEligible: count,
  fcrResolved: count,
  firstContactResolution: share,
  /** Agents staffed (signed in, not Not ready) on average over the interval, from the state history. */
  staffedAgents: z.number(),
  /** Erlang C: agents the interval's calls needed for the queue's threshold at an 80 % target. */
  agentsNeeded: z.number().int().nullable(),
});
export type CallReportQueueRow = z.infer<typeof CallReportQueueRow>;

export const CallReportAgentRow = z
  .object({
    intervalStart: iso,
    userId: z.number().int(),
    displayName: z.string(),
  })
  .merge(AgentFiguresView);
export type CallReportAgentRow = z.infer<typeof CallReportAgentRow>;

export const CallReport = z.object({
  from: iso,
  to: iso,
  interval: CallInterval,
  timeZone: z.string(),
  fcrDays: z.number().int(),
  queues: z.array(CallReportQueueRow),
  agents: z.array(CallReportAgentRow),
});
export type CallReport = z.infer<typeof CallReport>;
