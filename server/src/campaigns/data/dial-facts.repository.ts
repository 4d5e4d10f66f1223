// What the dialing rules need to know of a campaign's leads, a page at a time (by id): the lead's
// own state, its customer's value tier, whether its number is on a do-not-call list, and the
// calls to that number from every campaign (for the frequency cap and the abandon rule).
import type { LeadStatus, ValueTier } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

export interface LeadDialRow {
  id: number;
  customerId: number;
  phone: string;
  name: string | null;
  valueTier: ValueTier;
  status: LeadStatus;
  attempts: number;
  retryAt: number | null;
  callbackAt: number | null;
  timeZones: string[];
  priority: number;
  score: number;
  onDnc: boolean;
  callsLastDay: number;
  callsLastWeek: number;
  lastAbandonAt: number | null;
}

interface Row {
  id: string;
  customer_id: string;
  phone_e164: string;
  name: string | null;
  value_tier: ValueTier;
  status: LeadStatus;
  attempts: number;
  retry_at: Date | null;
  callback_at: Date | null;
  time_zones: string[];
  priority: number;
  score: number;
  on_dnc: boolean;
  day: number | null;
  week: number | null;
  last_abandon: Date | null;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);
const DAY_MS = 86_400_000;

export class DialFactsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Up to `limit` leads after `afterId` (all leads when `leadIds` is absent, else just those).
   * `recallMs` is how far back an abandoned call still counts.
   */
  async page(campaignId: number, now: number, recallMs: number, afterId: number, limit: number, leadIds?: readonly number[]): Promise<LeadDialRow[]> {
    const dayAgo = new Date(now - DAY_MS);
    const weekAgo = new Date(now - 7 * DAY_MS);
    const since = new Date(now - Math.max(7 * DAY_MS, recallMs));
    const recallSince = new Date(now - recallMs);
    const { rows } = (await this.db.raw(
      `SELECT l.id, l.customer_id, l.phone_e164, c.name, c.value_tier, l.status, l.attempts, l.retry_at, l.callback_at,
              l.time_zones, l.priority, l.score,
              EXISTS (SELECT 1 FROM dnc_entries d WHERE d.number = l.phone_e164 AND (d.campaign_id IS NULL OR d.campaign_id = l.campaign_id)) AS on_dnc,
              a.day, a.week, a.last_abandon
         FROM campaign_leads l
         JOIN customers c ON c.id = l.customer_id
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE t.at > ?)::int AS day,
                  count(*) FILTER (WHERE t.at > ?)::int AS week,
                  max(t.at) FILTER (WHERE t.outcome = 'abandoned' AND t.at > ?) AS last_abandon
             FROM campaign_attempts t JOIN campaign_leads o ON o.id = t.lead_id
            WHERE o.phone_e164 = l.phone_e164 AND t.at > ?
         ) a ON true
        WHERE l.campaign_id = ? AND l.id > ? ${leadIds ? 'AND l.id = ANY(?)' : ''}
        ORDER BY l.id
        LIMIT ?`,
      [dayAgo, weekAgo, recallSince, since, campaignId, afterId, ...(leadIds ? [leadIds as number[]] : []), limit],
    )) as { rows: Row[] };
    return rows.map((r) => ({
      id: Number(r.id),
      customerId: Number(r.customer_id),
      phone: r.phone_e164,
      name: r.name,
      valueTier: r.value_tier,
      status: r.status,
      attempts: r.attempts,
      retryAt: ms(r.retry_at),
      callbackAt: ms(r.callback_at),
      timeZones: r.time_zones,
      priority: r.priority,
      score: r.score,
      onDnc: r.on_dnc,
      callsLastDay: r.day ?? 0,
      callsLastWeek: r.week ?? 0,
      lastAbandonAt: ms(r.last_abandon),
    }));
  }
}
