// What a dialer's call does to its lead: an attempt no agent talked on is written at once (its
// outcome, the lead's status, its next try); a connected lead is held for its agent, whose
// disposition then records the attempt through the desk, as in preview.
import type { Campaign } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import type { LeadDialRow } from '../data/dial-facts.repository.js';
import type { LeadWorkRepository } from '../data/lead-work.repository.js';
import { RESERVATION_MS } from '../preview.service.js';
import { statusAfter } from '../rules/lead-status.js';
import { nextTryAfter } from '../rules/retry-delay.js';

export class LeadAttempts {
  constructor(private readonly db: Db, private readonly leads: LeadWorkRepository) {}

  unanswered(c: Campaign, lead: LeadDialRow, outcome: 'no_answer' | 'busy', at: Date): Promise<void> {
    return this.record(c, lead, outcome, null, at);
  }

  /** Answered and nobody talked to the lead: the abandon rule keeps it from being called for a while. */
  abandoned(c: Campaign, lead: LeadDialRow, agentId: number | null, at: Date): Promise<void> {
    return this.record(c, lead, 'abandoned', agentId, at);
  }

  async holdFor(leadId: number, agentId: number, at: Date): Promise<void> {
    await this.leads.reserve(leadId, agentId, at, new Date(at.getTime() + RESERVATION_MS));
  }

  private async record(c: Campaign, lead: LeadDialRow, outcome: 'no_answer' | 'busy' | 'abandoned', agentId: number | null, at: Date): Promise<void> {
    const next = nextTryAfter(c.rules, outcome, at.getTime(), null);
    await this.db.transaction(async (trx) => {
      const state = await this.leads.get(lead.id, trx);
      if (!state) return;
      await this.leads.recordOutcome(
        {
          lead: state,
          agentId,
          outcome,
          at,
          status: statusAfter(state.status, outcome),
          retryAt: next.retryAt === null ? null : new Date(next.retryAt),
          callbackAt: null,
          callbackAgentId: null,
          interactionId: null,
        },
        trx,
      );
    });
  }
}
