import type { Db } from '../db/database.js';
import type { Direction, EndReason, Interaction, InteractionKind } from '../../contract/index.js';
import { iso, isoRequired } from './row-mapping.js';

interface InteractionRow {
  id: number;
  customer_id: number | null;
  customer_name: string | null;
  csat_score: number | null;
  kind: InteractionKind;
  direction: Direction | null;
  caller_number: string | null;
  agent_id: number | null;
  agent_name: string | null;
  queue_name: string | null;
  campaign_name: string | null;
  started_at: Date;
  queued_at: Date | null;
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  wait_seconds: number | null;
  talk_seconds: number | null;
  hold_seconds: number | null;
  wrap_seconds: number | null;
  end_reason: EndReason | null;
  disposition: string | null;
  notes: string | null;
}

function toInteraction(r: InteractionRow): Interaction {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    kind: r.kind,
    direction: r.direction,
    callerNumber: r.caller_number,
    agentId: r.agent_id,
    agentName: r.agent_name,
    queueName: r.queue_name,
    campaignName: r.campaign_name,
    startedAt: isoRequired(r.started_at),
    queuedAt: iso(r.queued_at),
    offeredAt: iso(r.offered_at),
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    waitSeconds: r.wait_seconds,
    talkSeconds: r.talk_seconds,
    holdSeconds: r.hold_seconds,
    wrapSeconds: r.wrap_seconds,
    endReason: r.end_reason,
    disposition: r.disposition,
    notes: r.notes,
    csatScore: r.csat_score,
  };
}

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

  async queueAndAgentOf(id: number): Promise<{ queueId: number | null; agentId: number | null } | undefined> {
    const r = await this.db('interactions').select('queue_id', 'agent_id').where('id', id).first();
    return r ? { queueId: r.queue_id ?? null, agentId: r.agent_id ?? null } : undefined;
  }

  async findById(id: number): Promise<Interaction | undefined> {
    const row = (await this.base().where('i.id', id).first()) as InteractionRow | undefined;
    return row ? toInteraction(row) : undefined;
  }

  private base() {
    return this.db('interactions as i')
      .leftJoin('customers as cu', 'cu.id', 'i.customer_id')
      .leftJoin('users as a', 'a.id', 'i.agent_id')
      .leftJoin('queues as q', 'q.id', 'i.queue_id')
      .leftJoin('campaigns as k', 'k.id', 'i.campaign_id')
      .select(
        'i.id',
        'i.customer_id',
        'cu.name as customer_name',
        'i.csat_score',
        'i.kind',
        'i.direction',
        'i.caller_number',
        'i.agent_id',
        'a.display_name as agent_name',
        'q.display_name as queue_name',
        'k.name as campaign_name',
        'i.started_at',
        'i.queued_at',
        'i.offered_at',
        'i.answered_at',
        'i.ended_at',
        'i.wait_seconds',
        'i.talk_seconds',
        'i.hold_seconds',
        'i.wrap_seconds',
        'i.end_reason',
        'i.disposition',
        'i.notes',
      );
  }
}
