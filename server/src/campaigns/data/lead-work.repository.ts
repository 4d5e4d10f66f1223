// A lead on an agent's desk: reserved to that agent for a while, its attempts, the outcome of a
// call written back (attempt, status, next try) in one transaction with the call it was.
import type { Knex } from 'knex';
import type { CallOutcome, LeadAttempt, LeadStatus } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { isoRequired } from '../../platform/db/row-mapping.js';

export interface LeadState {
  id: number;
  campaignId: number;
  customerId: number;
  phone: string;
  status: LeadStatus;
  attempts: number;
  reservedBy: number | null;
  reservedUntil: number | null;
}

export class LeadWorkRepository {
  constructor(private readonly db: Db) {}

  /** Reserves the lead for the agent unless someone else holds it; true when it is now theirs. */
  async reserve(leadId: number, agentId: number, now: Date, until: Date): Promise<boolean> {
    const n = await this.db('campaign_leads')
      .where({ id: leadId })
      .andWhere((w) => w.whereNull('reserved_by').orWhere('reserved_by', agentId).orWhere('reserved_until', '<=', now))
      .update({ reserved_by: agentId, reserved_until: until });
    return n > 0;
  }

  /** Leads other agents hold right now: the next lead skips them. */
  async heldByOthers(campaignId: number, agentId: number, now: Date): Promise<Set<number>> {
    const ids = (await this.db('campaign_leads')
      .where({ campaign_id: campaignId })
      .whereNot('reserved_by', agentId)
      .where('reserved_until', '>', now)
      .pluck('id')) as (string | number)[];
    return new Set(ids.map(Number));
  }

  /** The lead this agent holds now in the campaign, if any (it stays on the desk until done). */
  async heldBy(campaignId: number, agentId: number, now: Date): Promise<number | null> {
    const row = (await this.db('campaign_leads').where({ campaign_id: campaignId, reserved_by: agentId }).where('reserved_until', '>', now).first('id')) as { id: string } | undefined;
    return row ? Number(row.id) : null;
  }

  async get(leadId: number, db: Knex = this.db): Promise<LeadState | null> {
    const r = (await db('campaign_leads').where({ id: leadId }).first()) as
      | { id: string; campaign_id: number; customer_id: string; phone_e164: string; status: LeadStatus; attempts: number; reserved_by: number | null; reserved_until: Date | null }
      | undefined;
    return r
      ? { id: Number(r.id), campaignId: r.campaign_id, customerId: Number(r.customer_id), phone: r.phone_e164, status: r.status, attempts: r.attempts, reservedBy: r.reserved_by, reservedUntil: r.reserved_until?.getTime() ?? null }
      : null;
  }

  async attempts(leadId: number): Promise<LeadAttempt[]> {
    const rows = (await this.db('campaign_attempts as t')
      .leftJoin('users as u', 'u.id', 't.agent_id')
      .where('t.lead_id', leadId)
      .orderBy('t.at', 'desc')
      .limit(50)
      .select('t.at', 't.outcome', 'u.display_name as agent_name')) as { at: Date; outcome: CallOutcome; agent_name: string | null }[];
    return rows.map((r) => ({ at: isoRequired(r.at), outcome: r.outcome, agentName: r.agent_name }));
  }

  async release(leadId: number, agentId: number, retryAt: Date | null, db: Knex = this.db): Promise<void> {
    await db('campaign_leads').where({ id: leadId, reserved_by: agentId }).update({ reserved_by: null, reserved_until: null, ...(retryAt ? { retry_at: retryAt } : {}) });
  }

  /**
   * The agent's latest outbound call to the number in the last hours that no campaign claims yet
   * (or `interactionId`, if it is the agent's): the call this outcome is about.
   */
  async callOf(agentId: number, phone: string, since: Date, interactionId: number | null, db: Knex): Promise<number | null> {
    const q = db('interactions').where({ agent_id: agentId, kind: 'call', direction: 'outbound' });
    if (interactionId !== null) q.where({ id: interactionId });
    else q.where({ caller_number: phone }).whereNull('campaign_id').where('started_at', '>=', since);
    const row = (await q.orderBy('started_at', 'desc').first('id')) as { id: string } | undefined;
    return row ? Number(row.id) : null;
  }

  async recordOutcome(
    o: { lead: LeadState; agentId: number | null; outcome: CallOutcome; at: Date; status: LeadStatus; retryAt: Date | null; callbackAt: Date | null; callbackAgentId: number | null; interactionId: number | null },
    db: Knex,
  ): Promise<void> {
    await db('campaign_attempts').insert({ lead_id: o.lead.id, campaign_id: o.lead.campaignId, agent_id: o.agentId, interaction_id: o.interactionId, outcome: o.outcome, at: o.at });
    await db('campaign_leads').where({ id: o.lead.id }).update({
      attempts: db.raw('attempts + 1'),
      last_attempt_at: o.at,
      last_outcome: o.outcome,
      status: o.status,
      retry_at: o.retryAt,
      callback_at: o.callbackAt,
      callback_agent_id: o.callbackAgentId,
      reserved_by: null,
      reserved_until: null,
    });
    if (o.interactionId !== null) {
      await db('interactions').where({ id: o.interactionId }).update({ campaign_id: o.lead.campaignId, customer_id: o.lead.customerId });
    }
  }
}
