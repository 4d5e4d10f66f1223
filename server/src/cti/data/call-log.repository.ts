// Every call is written as it happens: the interaction row is created when the call arrives
// and updated at each step, so a crash loses at most the step in flight.
import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';
import type { AgentState, EndReason } from '../../../../contract/index.js';

export interface NewCallRecord {
  /** An id reserved beforehand (reserveIds); none: the table draws one. */
  id?: number;
  direction: 'inbound' | 'outbound';
  callerNumber: string | null;
  customerId: number | null;
  queueId: number | null;
  agentId: number | null;
  /**
   * Whether this call lets its agent see its customer from now on ("handled"): queue calls
   * the agent answers do; a call outside a queue only when the agent could see the customer
   * anyway. Default true.
   */
  agentHandled?: boolean;
  /** The agent dialled the number without seeing it (a dial token): their lists show it masked. */
  numberHidden?: boolean;
  sipCallId: string;
  at: Date;
}

export class CallLogRepository {
  /** `serverId`: the server whose calls and agent states these rows are (null: unnamed, tests). */
  constructor(
    private readonly db: Db,
    private readonly serverId: string | null = null,
  ) {}

  async createCall(r: NewCallRecord): Promise<number> {
    const [row] = await this.db('interactions')
      .insert({
        ...(r.id === undefined ? {} : { id: r.id }),
        kind: 'call',
        direction: r.direction,
        caller_number: r.callerNumber,
        customer_id: r.customerId,
        queue_id: r.queueId,
        agent_id: r.agentId,
        agent_handled: r.agentHandled ?? true,
        ...(r.numberHidden ? { number_hidden: true } : {}),
        server_id: this.serverId,
        sip_call_id: r.sipCallId,
        started_at: r.at,
        queued_at: r.direction === 'inbound' && r.queueId ? r.at : null,
      })
      .returning('id');
    if (r.customerId) await this.touchCustomer(r.customerId, r.at);
    return (row as { id: number }).id;
  }

  /** Draws interaction ids ahead of their rows, so a call can be offered before its row is written. */
  async reserveIds(count: number): Promise<number[]> {
    const r = await this.db.raw<{ rows: { id: string | number }[] }>(
      `SELECT nextval(pg_get_serial_sequence('interactions', 'id')) AS id FROM generate_series(1, ?)`,
      [count],
    );
    return r.rows.map((x) => Number(x.id));
  }

  async recordOffer(interactionId: number, agentId: number, at: Date): Promise<number> {
    await this.db('interactions').where({ id: interactionId }).update({ offered_at: this.db.raw('COALESCE(offered_at, ?)', [at]) });
    const [row] = await this.db('interaction_offers').insert({ interaction_id: interactionId, agent_id: agentId, offered_at: at }).returning('id');
    return (row as { id: number }).id;
  }

  async endOffer(offerId: number, outcome: 'answered' | 'missed' | 'rejected' | 'withdrawn' | 'unreachable', at: Date): Promise<void> {
    await this.db('interaction_offers').where({ id: offerId }).whereNull('outcome').update({ outcome, ended_at: at });
  }

  async markAnswered(interactionId: number, agentId: number, at: Date, waitSeconds: number): Promise<void> {
    await this.db('interactions').where({ id: interactionId }).update({ agent_id: agentId, answered_at: at, wait_seconds: waitSeconds });
  }

  async endCall(
    interactionId: number,
    e: { at: Date; reason: EndReason; hangupBy: 'customer' | 'agent' | 'system' | null; waitSeconds: number | null; talkSeconds: number | null; holdSeconds: number },
  ): Promise<void> {
    // A call another server closed as interrupted (it thought this one gone) still gets its real end.
    await this.db('interactions').where({ id: interactionId }).where((q) => q.whereNull('ended_at').orWhere('end_reason', 'interrupted')).update({
      ended_at: e.at,
      end_reason: e.reason,
      hangup_by: e.hangupBy,
      wait_seconds: this.db.raw('COALESCE(wait_seconds, ?)', [e.waitSeconds]),
      talk_seconds: e.talkSeconds,
      hold_seconds: e.holdSeconds,
    });
  }

  /** One hand-off within the call (transfer-log rows: interaction_transfers). */
  async recordTransfer(t: {
    interactionId: number;
    kind: 'blind' | 'consult';
    fromAgentId: number;
    toAgentId: number | null;
    toQueueId: number | null;
    reason: string | null;
    fromTalkSeconds: number;
    at: Date;
    consultStartedAt?: Date;
  }): Promise<void> {
    await this.db('interaction_transfers').insert({
      interaction_id: t.interactionId,
      kind: t.kind,
      from_agent_id: t.fromAgentId,
      to_agent_id: t.toAgentId,
      to_queue_id: t.toQueueId,
      reason: t.reason,
      from_talk_seconds: t.fromTalkSeconds,
      transferred_at: t.at,
      consult_started_at: t.consultStartedAt ?? null,
    });
  }

  /** A consult that ended without handing the call over: kept beside the call's transfers. */
  async recordConsultCancelled(t: {
    interactionId: number;
    fromAgentId: number;
    toAgentId: number;
    toQueueId: number | null;
    reason: string | null;
    startedAt: Date;
    at: Date;
  }): Promise<void> {
    await this.db('interaction_transfers').insert({
      interaction_id: t.interactionId,
      kind: 'consult',
      from_agent_id: t.fromAgentId,
      to_agent_id: t.toAgentId,
      to_queue_id: t.toQueueId,
      reason: t.reason,
      // The agent's part goes on: nothing of it ended here.
      from_talk_seconds: 0,
      transferred_at: t.at,
      consult_started_at: t.startedAt,
      cancelled_at: t.at,
    });
  }

  /** The next agent answered the transferred call: the call is theirs from now on. */
  async markTransferAnswered(interactionId: number, agentId: number, at: Date): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('interactions').where({ id: interactionId }).update({ agent_id: agentId });
      const last = trx('interaction_transfers').where({ interaction_id: interactionId }).whereNull('cancelled_at').max('id');
      await trx('interaction_transfers').where('id', last).whereNull('answered_by').update({ answered_by: agentId, answered_at: at });
    });
  }

  async setWrapSeconds(interactionId: number, seconds: number, endedAt: Date): Promise<void> {
    await this.db('interactions').where({ id: interactionId }).update({ wrap_seconds: seconds, wrap_ended_at: endedAt });
  }

  async saveCsat(interactionId: number, score: number, at: Date): Promise<void> {
    await this.db('interactions').where({ id: interactionId }).update({ csat_score: score, csat_at: at });
  }

  async setCustomer(interactionId: number, customerId: number): Promise<void> {
    // Chosen (or created) by the agent on their own call: from now on they have handled them.
    await this.db('interactions').where({ id: interactionId }).update({ customer_id: customerId, agent_handled: true });
    await this.touchCustomer(customerId, new Date());
  }

  private async touchCustomer(customerId: number, at: Date) {
    await this.db('customers')
      .where({ id: customerId })
      .update({ last_contact_at: this.db.raw('GREATEST(COALESCE(last_contact_at, ?::timestamptz), ?::timestamptz)', [at, at]) });
  }

  /** Persists a state change: closes the open history row and opens the new one. */
  /**
   * Ends the agent's open state and opens the new one, in one statement (atomic as a
   * transaction, without its BEGIN and COMMIT round trips: every call changes an agent's state
   * several times).
   */
  async recordAgentState(userId: number, state: AgentState, reason: string | null, at: Date): Promise<void> {
    await this.db.raw(
      `WITH ended AS (UPDATE agent_state_history SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL)
       INSERT INTO agent_state_history (user_id, state, reason, started_at, server_id) VALUES (?, ?, ?, ?, ?)`,
      [at, userId, userId, state, reason, at, this.serverId],
    );
  }

  async lastAgentStates(): Promise<{ user_id: number; state: AgentState; reason: string | null; started_at: Date }[]> {
    return this.db('agent_state_history').whereNull('ended_at').select('user_id', 'state', 'reason', 'started_at');
  }

  /**
   * What a server that is gone (a crash, or this one before its restart) left in progress:
   * its open calls close as interrupted at `at` (its last heartbeat) with the times they had,
   * their ringing offers end, and its agents are logged out. `serverId` null: rows written
   * before servers had names.
   */
  async closeInterrupted(serverId: string | null, at: Date): Promise<number> {
    const ofServer = <T extends Knex.QueryBuilder>(q: T): T => (serverId === null ? q.whereNull('server_id') : q.where('server_id', serverId)) as T;
    return this.db.transaction(async (trx) => {
      const closed = await ofServer(trx('interactions').where({ kind: 'call' }).whereNull('ended_at'))
        .update({
          ended_at: at,
          end_reason: 'interrupted',
          hangup_by: 'system',
          wait_seconds: trx.raw(
            'COALESCE(wait_seconds, EXTRACT(EPOCH FROM (COALESCE(answered_at, ?::timestamptz) - COALESCE(queued_at, started_at)))::int)',
            [at],
          ),
          talk_seconds: trx.raw('CASE WHEN answered_at IS NULL THEN NULL ELSE EXTRACT(EPOCH FROM (?::timestamptz - answered_at))::int END', [at]),
        });
      await trx('interaction_offers')
        .whereNull('outcome')
        .whereIn('interaction_id', ofServer(trx('interactions').select('id').where('end_reason', 'interrupted').where('ended_at', at)))
        .update({ outcome: 'interrupted', ended_at: at });
      const open = await ofServer(trx('agent_state_history').whereNull('ended_at').whereNot('state', 'logged_out')).select('user_id');
      await ofServer(trx('agent_state_history').whereNull('ended_at')).update({ ended_at: at });
      if (open.length) {
        await trx('agent_state_history').insert(
          open.map((r: { user_id: number }) => ({ user_id: r.user_id, state: 'logged_out', reason: 'restart', started_at: at, server_id: serverId })),
        );
      }
      return closed;
    });
  }

  async todayForAgent(agentId: number, since: Date) {
    return this.db('interactions').where({ agent_id: agentId, kind: 'call' }).andWhere('started_at', '>=', since).orderBy('started_at', 'desc').limit(200).pluck('id');
  }
}
