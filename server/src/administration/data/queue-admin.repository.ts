// Queues as the administration reads and edits them: settings, numbers and members. Numbers
// live in phone_numbers (one destination each); members in queue_members with their level.
import type { Knex } from 'knex';
import type { AdminQueue, AdminQueueListQuery, BusinessCalendar, RecordingPolicy, ServiceLevelFormula, TierWeights } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

interface QueueRow {
  id: number;
  name: string;
  display_name: string;
  skill_id: number | null;
  team_id: number | null;
  tier_weights: TierWeights;
  ring_seconds: number;
  max_wait_seconds: number;
  max_size: number;
  overflow_queue_id: number | null;
  wrap_up_seconds: number;
  csat_enabled: boolean;
  service_level_seconds: number;
  service_level_formula: ServiceLevelFormula;
  short_abandon_seconds: number;
  opening_hours: BusinessCalendar | null;
  out_of_hours_queue_id: number | null;
  recording_policy: RecordingPolicy;
  active: boolean;
  version: number;
}

/** The settings columns a create or an edit writes. */
export type QueueColumns = Partial<Omit<QueueRow, 'id' | 'version' | 'opening_hours' | 'tier_weights'>> & {
  opening_hours?: string | null;
  tier_weights?: string;
};

export interface MemberRow {
  userId: number;
  skillLevel: number;
}

export class QueueAdminRepository {
  constructor(private readonly db: Db) {}

  async list(q: AdminQueueListQuery): Promise<AdminQueue[]> {
    let query = this.db<QueueRow>('queues').select('*').orderBy('id').limit(q.limit);
    if (q.after !== undefined) query = query.where('id', '>', q.after);
    if (q.active !== undefined) query = query.where('active', q.active);
    return this.complete(this.db, await query);
  }

  async find(id: number, db: Knex = this.db): Promise<AdminQueue | undefined> {
    const row = await db<QueueRow>('queues').where('id', id).first();
    return row ? (await this.complete(db, [row]))[0] : undefined;
  }

  async exists(db: Knex, id: number): Promise<boolean> {
    return Boolean(await db('queues').where('id', id).first('id'));
  }

  async insert(trx: Knex.Transaction, c: QueueColumns & { name: string; display_name: string }): Promise<number> {
    const [row] = await trx('queues').insert(c).returning('id');
    return (row as { id: number }).id;
  }

  async update(trx: Knex.Transaction, id: number, version: number, c: QueueColumns): Promise<boolean> {
    const n = await trx('queues').where({ id, version }).update({ ...c, version: trx.raw('version + 1') });
    return n === 1;
  }

  /** Makes the queue's numbers exactly `e164s`: numbers it no longer has are freed. */
  async setNumbers(trx: Knex.Transaction, queueId: number, e164s: readonly string[]): Promise<void> {
    await trx('phone_numbers').where({ destination_kind: 'queue', queue_id: queueId }).whereNotIn('e164', e164s).delete();
    const have = new Set(((await trx('phone_numbers').where({ queue_id: queueId }).select('e164')) as { e164: string }[]).map((r) => r.e164));
    const add = e164s.filter((n) => !have.has(n)).map((e164) => ({ e164, destination_kind: 'queue', queue_id: queueId, user_id: null }));
    if (add.length) await trx('phone_numbers').insert(add);
  }

  /** Who a number goes to now, when it is taken: for the "already goes to …" message. */
  async numberHolders(db: Knex, e164s: readonly string[], exceptQueueId: number | null): Promise<Map<string, string>> {
    const rows = (await db('phone_numbers as p')
      .leftJoin('queues as q', 'q.id', 'p.queue_id')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .whereIn('p.e164', e164s as string[])
      .modify((b) => {
        if (exceptQueueId !== null) b.whereRaw('p.queue_id IS DISTINCT FROM ?', [exceptQueueId]);
      })
      .select('p.e164', db.raw('coalesce(q.display_name, u.display_name) as name'))) as { e164: string; name: string }[];
    return new Map(rows.map((r) => [r.e164, r.name]));
  }

  /** Makes the queue's members exactly `members`. */
  async setMembers(trx: Knex.Transaction, queueId: number, members: readonly MemberRow[]): Promise<void> {
    await trx('queue_members').where('queue_id', queueId).delete();
    if (members.length) await trx('queue_members').insert(members.map((m) => ({ queue_id: queueId, user_id: m.userId, skill_level: m.skillLevel })));
  }

  private async complete(db: Knex, rows: QueueRow[]): Promise<AdminQueue[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const numbers = (await db('phone_numbers').whereIn('queue_id', ids).orderBy('id').select('queue_id', 'e164')) as { queue_id: number; e164: string }[];
    const members = (await db('queue_members as m')
      .join('users as u', 'u.id', 'm.user_id')
      .whereIn('m.queue_id', ids)
      .orderBy('u.display_name')
      .select('m.queue_id', 'm.user_id', 'm.skill_level', 'u.display_name', 'u.team_id')) as {
      queue_id: number;
      user_id: number;
      skill_level: number;
      display_name: string;
      team_id: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      displayName: r.display_name,
      numbers: numbers.filter((n) => n.queue_id === r.id).map((n) => n.e164),
      members: members
        .filter((m) => m.queue_id === r.id)
        .map((m) => ({ userId: m.user_id, displayName: m.display_name, teamId: m.team_id, skillLevel: m.skill_level })),
      skillId: r.skill_id,
      teamId: r.team_id,
      tierWeights: r.tier_weights,
      ringSeconds: r.ring_seconds,
      maxWaitSeconds: r.max_wait_seconds,
      maxSize: r.max_size,
      overflowQueueId: r.overflow_queue_id,
      wrapUpSeconds: r.wrap_up_seconds,
      csatEnabled: r.csat_enabled,
      serviceLevelSeconds: r.service_level_seconds,
      serviceLevelFormula: r.service_level_formula,
      shortAbandonSeconds: r.short_abandon_seconds,
      openingHours: r.opening_hours,
      outOfHoursQueueId: r.out_of_hours_queue_id,
      recordingPolicy: r.recording_policy,
      active: r.active,
      version: r.version,
    }));
  }
}
