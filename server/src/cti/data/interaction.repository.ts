import type { Db } from '../../platform/db/database.js';
import type { Interaction } from '../../../../contract/index.js';
import { interactionQuery, toInteraction, type InteractionRow } from './interaction-row.js';

/** Position in a customer's history: the (started_at, id) of the last row of a page. */
export interface HistoryCursor {
  startedAt: Date;
  id: number;
}

export class InteractionRepository {
  constructor(private readonly db: Db) {}

  /** Newest first; reads `interactions_customer_latest` as one range scan. */
  async latestForCustomer(customerId: number, limit: number, before?: HistoryCursor): Promise<Interaction[]> {
    const q = this.base()
      .where('i.customer_id', customerId)
      .orderBy([
        { column: 'i.started_at', order: 'desc' },
        { column: 'i.id', order: 'desc' },
      ])
      .limit(limit);
    if (before) q.andWhereRaw('(i.started_at, i.id) < (?::timestamptz, ?::bigint)', [before.startedAt, before.id]);
    const rows = (await q) as InteractionRow[];
    return rows.map(toInteraction);
  }

  /** Wrap-up codes that name a ticket or complaint (see history-redaction.ts). */
  async caseRevealingDispositions(): Promise<Set<string>> {
    const rows = await this.db('disposition_codes').where({ reveals_case: true }).distinct('code');
    return new Set(rows.map((r: { code: string }) => r.code));
  }

  /** An agent's calls since a moment (their "today"), newest first. */
  async callsOfAgentSince(agentId: number, since: Date, limit = 200): Promise<Interaction[]> {
    const rows = (await this.base()
      .where('i.agent_id', agentId)
      .andWhere('i.kind', 'call')
      .andWhere('i.started_at', '>=', since)
      .orderBy('i.started_at', 'desc')
      .limit(limit)) as InteractionRow[];
    return rows.map(toInteraction);
  }

  /** Every interaction linked to a case, oldest first: the case's timeline. */
  async linkedToCase(caseId: number): Promise<Interaction[]> {
    const rows = (await this.base()
      .join('interaction_links as l', 'l.interaction_id', 'i.id')
      .where('l.ticket_id', caseId)
      .orderBy('i.started_at', 'asc')) as InteractionRow[];
    return rows.map(toInteraction);
  }

  /** The queue a call came through (its wrap-up codes follow it) and the agent who took it. */
  async queueAndAgentOf(id: number): Promise<{ queueId: number | null; agentId: number | null } | undefined> {
    const r = await this.db('interactions').select('queue_id', 'agent_id').where('id', id).first();
    return r ? { queueId: r.queue_id ?? null, agentId: r.agent_id ?? null } : undefined;
  }

  async findById(id: number): Promise<Interaction | undefined> {
    const row = (await this.base().where('i.id', id).first()) as InteractionRow | undefined;
    return row ? toInteraction(row) : undefined;
  }

  private base() {
    return interactionQuery(this.db);
  }
}
