// What the floor and the call reports read from the database: queues with their service-level
// setting, the people who take calls, teams, and the call log and agent state history of a
// period. One query each, whatever the number of supervisors watching.
import type { Db } from '../../platform/db/database.js';
import { ServiceLevelFormula, type AgentState } from '../../../../contract/index.js';
import type { FloorAgentDef, FloorQueueDef, LoggedAgentState, LoggedQueueCall } from '../floor-state.js';

export interface ReportedCall extends LoggedQueueCall {
  queuedAt: number;
  customerId: number | null;
  /** When the same customer next got in touch (any interaction after this call), if at all. */
  nextContactAt: number | null;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

export class FloorRepository {
  constructor(private readonly db: Db) {}

  async queues(): Promise<FloorQueueDef[]> {
    const rows = await this.db('queues')
      .select('id', 'display_name', 'team_id', 'service_level_seconds', 'service_level_formula', 'short_abandon_seconds')
      .orderBy('display_name');
    return rows.map((q: Record<string, any>) => ({
      id: q.id,
      name: q.display_name,
      teamId: q.team_id,
      serviceLevel: {
        thresholdSeconds: q.service_level_seconds,
        // The column's CHECK admits only the two formulas; a parse keeps the type honest.
        formula: ServiceLevelFormula.parse(q.service_level_formula),
        shortAbandonSeconds: q.short_abandon_seconds,
      },
    }));
  }

  /** Everyone the ACD routes to (agents and supervisors who take calls), as the ACD lists them. */
  async agents(): Promise<FloorAgentDef[]> {
    const users = await this.db('users')
      .whereIn('role', ['agent', 'supervisor'])
      .andWhere({ disabled: false })
      .select('id', 'display_name', 'team_id')
      .orderBy('display_name');
    const members = await this.db('queue_members').select('queue_id', 'user_id').orderBy('queue_id');
    const byUser = new Map<number, number[]>();
    for (const m of members as { queue_id: number; user_id: number }[]) {
      let l = byUser.get(m.user_id);
      if (!l) byUser.set(m.user_id, (l = []));
      l.push(m.queue_id);
    }
    return users.map((u: { id: number; display_name: string; team_id: number | null }) => ({
      id: u.id,
      displayName: u.display_name,
      teamId: u.team_id,
      queueIds: byUser.get(u.id) ?? [],
    }));
  }

  async teams(): Promise<{ id: number; name: string }[]> {
    return this.db('teams').select('id', 'name').orderBy('name');
  }

  /** Queue calls whose callers arrived in [from, to), with what the FCR rule needs when asked. */
  async queueCalls(from: Date, to: Date, fcrDays: number | null = null): Promise<ReportedCall[]> {
    const next =
      fcrDays === null
        ? 'NULL::timestamptz'
        : `(SELECT min(n.started_at) FROM interactions n
             WHERE n.customer_id = i.customer_id AND n.id <> i.id
               AND n.started_at > i.queued_at AND n.started_at <= i.queued_at + make_interval(days => ${Number(fcrDays)}))`;
    const r = await this.db.raw<{ rows: Record<string, any>[] }>(
      `SELECT i.queue_id, i.agent_id, i.customer_id, i.queued_at, i.answered_at, i.ended_at, i.end_reason,
              i.wait_seconds, i.talk_seconds, i.hold_seconds, i.wrap_seconds,
              CASE WHEN i.customer_id IS NULL OR i.answered_at IS NULL THEN NULL ELSE ${next} END AS next_contact_at
         FROM interactions i
        WHERE i.kind = 'call' AND i.queue_id IS NOT NULL AND i.queued_at >= ? AND i.queued_at < ?
        ORDER BY i.queued_at, i.id`,
      [from, to],
    );
    return r.rows.map((c) => ({
      queueId: c.queue_id,
      agentId: c.agent_id,
      customerId: c.customer_id === null ? null : Number(c.customer_id),
      queuedAt: (c.queued_at as Date).getTime(),
      answered: c.answered_at !== null,
      ended: c.ended_at !== null,
      endReason: c.end_reason,
      waitSeconds: c.wait_seconds,
      talkSeconds: c.talk_seconds,
      holdSeconds: c.hold_seconds,
      wrapSeconds: c.wrap_seconds,
      nextContactAt: ms(c.next_contact_at),
    }));
  }

  /** Agent state rows that overlap [from, to). */
  async agentStates(from: Date, to: Date): Promise<LoggedAgentState[]> {
    const rows = await this.db('agent_state_history')
      .where('started_at', '<', to)
      .andWhere((q) => q.whereNull('ended_at').orWhere('ended_at', '>', from))
      .select('user_id', 'state', 'started_at', 'ended_at')
      .orderBy('started_at');
    return rows.map((s: { user_id: number; state: AgentState; started_at: Date; ended_at: Date | null }) => ({
      userId: s.user_id,
      state: s.state,
      startedAt: s.started_at.getTime(),
      endedAt: ms(s.ended_at),
    }));
  }
}
