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
