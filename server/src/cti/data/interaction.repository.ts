import type { Db } from '../../platform/db/database.js';
import type { Interaction } from '../../../../contract/index.js';
import { interactionQuery, toInteraction, type InteractionRow } from './interaction-row.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';
import { maskPhoneText } from '../../customers/privacy/rules/phone-mask.js';

/** Position in a customer's history: the (started_at, id) of the last row of a page. */
export interface HistoryCursor {
  startedAt: Date;
  id: number;
}

export class InteractionRepository {
  /** `fields` seals the call notes as they are written and opens them as they are read. */
  constructor(
    private readonly db: Db,
    private readonly fields: SensitiveFields,
  ) {}

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
    return rows.map((r) => toInteraction(r, this.fields));
  }

  /** Wrap-up codes that name a ticket or complaint (see history-redaction.ts). */
  async caseRevealingDispositions(): Promise<Set<string>> {
    const rows = await this.db('disposition_codes').where({ reveals_case: true }).distinct('code');
    return new Set(rows.map((r: { code: string }) => r.code));
  }

  /** An agent's calls since a moment (their "today"), newest first; numbers dialled unseen stay masked. */
  async callsOfAgentSince(agentId: number, since: Date, limit = 200): Promise<Interaction[]> {
    const rows = (await this.base()
      .select('i.number_hidden')
      .where('i.agent_id', agentId)
      .andWhere('i.kind', 'call')
      .andWhere('i.started_at', '>=', since)
      .orderBy('i.started_at', 'desc')
      .limit(limit)) as (InteractionRow & { number_hidden: boolean })[];
    return rows.map((r) => {
      const call = toInteraction(r, this.fields);
      return r.number_hidden && call.callerNumber !== null ? { ...call, callerNumber: maskPhoneText(call.callerNumber) } : call;
    });
  }

  /** Every interaction linked to a case, oldest first: the case's timeline. */
  async linkedToCase(caseId: number): Promise<Interaction[]> {
    const rows = (await this.base()
      .join('interaction_links as l', 'l.interaction_id', 'i.id')
      .where('l.ticket_id', caseId)
      .orderBy('i.started_at', 'asc')) as InteractionRow[];
    return rows.map((r) => toInteraction(r, this.fields));
  }

  /** The number a call was logged with (E.164 when it was one). */
  async callerNumberOf(id: number): Promise<string | null> {
    const r = await this.db('interactions').where('id', id).first('caller_number');
    return (r?.caller_number as string | null | undefined) ?? null;
  }

  /** The queue a call came through (its wrap-up codes follow it) and the agent who took it. */
  async queueAndAgentOf(id: number): Promise<{ queueId: number | null; agentId: number | null } | undefined> {
    const r = await this.db('interactions').select('queue_id', 'agent_id').where('id', id).first();
    return r ? { queueId: r.queue_id ?? null, agentId: r.agent_id ?? null } : undefined;
  }

  async findById(id: number): Promise<Interaction | undefined> {
    const row = (await this.base().where('i.id', id).first()) as InteractionRow | undefined;
    return row ? toInteraction(row, this.fields) : undefined;
  }

  /** The agent's wrap-up of their own call: disposition and notes. False when it is not theirs. */
  async saveWrapUp(interactionId: number, agentId: number, disposition: string, notes: string | undefined): Promise<boolean> {
    const set: Record<string, unknown> = { disposition };
    if (notes !== undefined) set.notes = this.fields.seal('interactions.notes', notes);
    const n = await this.ownCall(interactionId, agentId).update(set);
    return n > 0;
  }

  /** The agent's notes on their own call. False when it is not theirs. */
  async saveNotes(interactionId: number, agentId: number, notes: string): Promise<boolean> {
    const n = await this.ownCall(interactionId, agentId).update({ notes: this.fields.seal('interactions.notes', notes) });
    return n > 0;
  }

  /** Whether the agent handed this call on (a transfer): their part of it is still theirs to wrap up. */
  async wasTransferredBy(interactionId: number, agentId: number): Promise<boolean> {
    return (await this.db('interaction_transfers').where({ interaction_id: interactionId, from_agent_id: agentId }).first('id')) !== undefined;
  }

  /** The agent's call: they answered it last, or they had it before handing it on (a transfer). */
  private ownCall(interactionId: number, agentId: number) {
    return this.db('interactions')
      .where({ id: interactionId })
      .where((w) =>
        w.where({ agent_id: agentId }).orWhereExists(
          this.db('interaction_transfers').where({ interaction_id: interactionId, from_agent_id: agentId }),
        ),
      );
  }

  private base() {
    return interactionQuery(this.db);
  }
}
