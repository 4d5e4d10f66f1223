// Closed vocabularies of the domain. Server, console and softphone all read these
// so a new value is added in exactly one place.
import { z } from 'zod';

export const ROLES = ['agent', 'supervisor', 'marketer', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Value segments, highest first. `vip` is the top tier the ACD puts ahead in queues. */
export const VALUE_TIERS = ['vip', 'gold', 'silver', 'standard'] as const;
export const ValueTier = z.enum(VALUE_TIERS);
export type ValueTier = z.infer<typeof ValueTier>;

export const INTERACTION_KINDS = ['call', 'note'] as const;
export const InteractionKind = z.enum(INTERACTION_KINDS);
export type InteractionKind = z.infer<typeof InteractionKind>;

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const Direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof Direction>;

export const END_REASONS = ['completed', 'abandoned', 'missed', 'rejected', 'failed', 'interrupted', 'busy', 'overflow'] as const;
export const EndReason = z.enum(END_REASONS);
export type EndReason = z.infer<typeof EndReason>;

export const CASE_KINDS = ['ticket', 'complaint'] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

export const CASE_STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/**
 * The statuses in which a case is open and its SLA clocks may run (the "active" cases). Waiting
 * for the customer is one of them: only the resolution clock pauses then.
 */
export const RUNNING_CASE_STATUSES = ['new', 'open', 'pending_customer'] as const satisfies readonly CaseStatus[];
const RUNNING_CASE_STATUS_SET: ReadonlySet<CaseStatus> = new Set(RUNNING_CASE_STATUSES);

export function isRunningCaseStatus(status: CaseStatus): boolean {
  return RUNNING_CASE_STATUS_SET.has(status);
}

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const COMPLAINT_CATEGORIES = ['product', 'service', 'billing', 'staff', 'other'] as const;
export const ComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const AGENT_STATES = ['logged_out', 'ready', 'not_ready', 'ringing', 'on_call', 'wrap_up'] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

export const LOCALES = ['en', 'zh-CN'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** Where a running SLA clock stands; `met` once the clock stopped in time or late. */
export const SLA_STATUSES = ['on_track', 'at_risk', 'breached'] as const;
export const SlaStatus = z.enum(SLA_STATUSES);
export type SlaStatus = z.infer<typeof SlaStatus>;

/** A complaint runs an acknowledgement and a resolution clock; a ticket only the resolution one. */
export const SLA_CLOCKS = ['acknowledge', 'resolve'] as const;
export const SlaClock = z.enum(SLA_CLOCKS);
export type SlaClock = z.infer<typeof SlaClock>;

/**
 * Where one clock of a case stands, as the server reads it: counting (running), held while the
 * case waits for the customer (paused, the resolution clock only), stopped in time (met), or past
 * its due time, whether still counting or stopped late (breached).
 */
export const CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export const ClockState = z.enum(CLOCK_STATES);
export type ClockState = z.infer<typeof ClockState>;

export const COMPLAINT_CHANNELS = ['phone', 'email', 'web', 'social', 'in_person', 'regulator'] as const;
export const ComplaintChannel = z.enum(COMPLAINT_CHANNELS);
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;

export const ROOT_CAUSES = ['product_defect', 'process', 'staff_conduct', 'billing_error', 'delivery', 'communication', 'third_party', 'no_fault'] as const;
export const RootCause = z.enum(ROOT_CAUSES);
export type RootCause = z.infer<typeof RootCause>;

export const CASE_ACTIONS = ['acknowledge', 'open', 'pend', 'resolve', 'close', 'reopen'] as const;
export const CaseAction = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof CaseAction>;

export const FOLLOW_UP_STATUSES = ['pending', 'done', 'cancelled'] as const;
export const FollowUpStatus = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

export const FOLLOW_UP_OUTCOMES = ['reached_confirmed', 'reached_not_solved', 'not_reached'] as const;
export const FollowUpOutcome = z.enum(FOLLOW_UP_OUTCOMES);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

export const FOLLOW_UP_REASONS = ['manual', 'on_resolve', 'low_csat'] as const;
export const FollowUpReason = z.enum(FOLLOW_UP_REASONS);
export type FollowUpReason = z.infer<typeof FollowUpReason>;

export const ESCALATION_LEVELS = ['at_risk', 'breached', 'breached_level2'] as const;
export const EscalationLevel = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof EscalationLevel>;
