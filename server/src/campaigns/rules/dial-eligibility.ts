// Whether a lead may be dialled now, and if not the first reason why. The dry run, the preview
// desk and the dialers all decide through this one function, so what the dry run shows is what
// is dialled.
import type { CampaignPurpose, CampaignRules, ExclusionReason, LeadStatus } from '../../../../contract/index.js';
import type { CallingWindow } from './calling-window.js';
import { isFinalStatus } from './lead-status.js';

const HOUR_MS = 3_600_000;

/** What is known of one lead at one moment; times are epoch milliseconds. */
export interface LeadFacts {
  status: LeadStatus;
  attempts: number;
  retryAt: number | null;
  callbackAt: number | null;
  timeZones: readonly string[];
  /** On the global list or this campaign's. */
  onDnc: boolean;
  /** The customer's marketing-call consent in force: only `given` allows a marketing call. */
  marketingConsent: 'given' | 'withdrawn' | 'unknown';
  /** Calls to this number from any campaign in the last 24 hours and 7 days. */
  callsLastDay: number;
  callsLastWeek: number;
  /** The last abandoned call to this number, from any campaign. */
  lastAbandonAt: number | null;
}

export interface CampaignFacts {
  purpose: CampaignPurpose;
  rules: CampaignRules;
  window: CallingWindow;
}

/** null: dial now. Otherwise the first reason, checked in EXCLUSION_REASONS order. */
export function exclusionOf(campaign: CampaignFacts, lead: LeadFacts, now: number): ExclusionReason | null {
  const r = campaign.rules;
  if (isFinalStatus(lead.status)) return 'finished';
  if (lead.onDnc) return 'dnc';
  // Consent for marketing calls must have been given; silence counts as refusal.
  if (campaign.purpose === 'marketing' && lead.marketingConsent !== 'given') return 'no_consent';
  // A callback the customer asked for is kept even after the last regular attempt.
  const callbackDue = lead.callbackAt !== null && lead.callbackAt <= now;
  if (lead.callbackAt !== null && !callbackDue) return 'callback_scheduled';
  if (!callbackDue && lead.attempts >= r.maxAttempts) return 'max_attempts';
  if (!callbackDue && lead.retryAt !== null && lead.retryAt > now) return 'retry_wait';
  if (lead.lastAbandonAt !== null && now - lead.lastAbandonAt < r.abandonRecallHours * HOUR_MS) return 'abandon_recall';
  if (lead.callsLastDay >= r.capPerDay || lead.callsLastWeek >= r.capPerWeek) return 'frequency_cap';
  if (!campaign.window.isOpen(lead.timeZones, new Date(now))) return 'outside_window';
  return null;
}
