// The dialers' calls (campaign_dials): one row per call placed, written as the call moves on,
// and the counts the campaign's live figures are made of.
import type { Db } from '../../platform/db/database.js';

export type DialOutcome = 'no_answer' | 'busy' | 'failed' | 'abandoned' | 'connected';

export interface DialCounts {
  attempts: number;
  /** Calls ringing or answered and not yet over. */
  inFlight: number;
  answered: number;
  connected: number;
  abandoned: number;
  /** Answered and abandoned since `capSince` (the cap window's start). */
  windowAnswered: number;
  windowAbandoned: number;
}

export class DialLogRepository {
  constructor(private readonly db: Db) {}

  async placed(d: { campaignId: number; leadId: number; callId: string; mode: 'progressive' | 'predictive'; at: Date }): Promise<void> {
    await this.db('campaign_dials').insert({ campaign_id: d.campaignId, lead_id: d.leadId, call_id: d.callId, mode: d.mode, placed_at: d.at });
  }

  async answered(callId: string, at: Date): Promise<void> {
    await this.db('campaign_dials').where({ call_id: callId }).update({ answered_at: at });
  }

  async assigned(callId: string, agentId: number): Promise<void> {
    await this.db('campaign_dials').where({ call_id: callId }).update({ agent_id: agentId });
  }

  async connected(callId: string, at: Date): Promise<void> {
    await this.db('campaign_dials').where({ call_id: callId }).update({ connected_at: at, outcome: 'connected' });
  }

  /** The call's end; an outcome already set (connected) stays unless `outcome` overrides it. */
  async ended(callId: string, at: Date, outcome: DialOutcome | null, abandonReason: string | null = null): Promise<void> {
    const set: Record<string, unknown> = { ended_at: at };
    if (outcome !== null) set.outcome = outcome;
    if (abandonReason !== null) set.abandon_reason = abandonReason;
    await this.db('campaign_dials').where({ call_id: callId }).update(set);
  }

  /** Calls a previous run of the server left open: ended now, as failed. */
  async closeOpen(at: Date): Promise<number> {
    return this.db('campaign_dials').whereNull('ended_at').update({ ended_at: at, outcome: this.db.raw("coalesce(outcome, 'failed')") });
  }

  async counts(campaignId: number, capSince: Date): Promise<DialCounts> {
    const { rows } = (await this.db.raw(
      `SELECT count(*)::int AS attempts,
              count(*) FILTER (WHERE ended_at IS NULL)::int AS in_flight,
              count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE outcome = 'connected')::int AS connected,
              count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
              count(*) FILTER (WHERE answered_at IS NOT NULL AND placed_at >= ?)::int AS window_answered,
              count(*) FILTER (WHERE outcome = 'abandoned' AND placed_at >= ?)::int AS window_abandoned
         FROM campaign_dials WHERE campaign_id = ?`,
      [capSince, capSince, campaignId],
    )) as { rows: { attempts: number; in_flight: number; answered: number; connected: number; abandoned: number; window_answered: number; window_abandoned: number }[] };
    const r = rows[0]!;
    return { attempts: r.attempts, inFlight: r.in_flight, answered: r.answered, connected: r.connected, abandoned: r.abandoned, windowAnswered: r.window_answered, windowAbandoned: r.window_abandoned };
  }

  /** Leads still to work: not converted or lost, and under the campaign's maximum attempts. */
  async remainingLeads(campaignId: number, maxAttempts: number): Promise<number> {
    const row = (await this.db('campaign_leads')
      .where({ campaign_id: campaignId })
      .whereNotIn('status', ['converted', 'lost'])
      .where((w) => w.where('attempts', '<', maxAttempts).orWhereNotNull('callback_at'))
      .count<{ n: string }[]>('* as n')
      .first()) as { n: string | number } | undefined;
    return Number(row?.n ?? 0);
  }
}
