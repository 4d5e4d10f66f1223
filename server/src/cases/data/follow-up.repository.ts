// Follow-up tasks (回访): callbacks to confirm a fix, or to hear out an unhappy caller.
import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';
import type { FollowUpOutcome, FollowUpReason, FollowUpStatus, FollowUpTask } from '../../../../contract/index.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';

interface TaskRow {
  id: number | string;
  ticket_id: number | string | null;
  case_number: string | null;
  interaction_id: number | string | null;
  customer_id: number | string;
  customer_name: string;
  phone: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  team_id: number | null;
  due_at: Date;
  status: FollowUpStatus;
  outcome: FollowUpOutcome | null;
  attempts: number;
  reason: FollowUpReason;
  note: string | null;
  version: number;
  created_at: Date;
  completed_at: Date | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toTask(r: TaskRow, note: string | null): FollowUpTask {
  return {
    id: Number(r.id),
    caseId: num(r.ticket_id),
    caseNumber: r.case_number,
    interactionId: num(r.interaction_id),
    customerId: Number(r.customer_id),
    customerName: r.customer_name,
    phone: r.phone,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    teamId: r.team_id,
    dueAt: isoRequired(r.due_at),
    status: r.status,
    outcome: r.outcome,
    attempts: r.attempts,
    reason: r.reason,
    note,
    version: r.version,
    createdAt: isoRequired(r.created_at),
    completedAt: iso(r.completed_at),
  };
}

export interface NewFollowUp {
  ticket_id: number | null;
  interaction_id: number | null;
  customer_id: number;
  assignee_id: number | null;
  team_id: number | null;
  due_at: Date;
  reason: FollowUpReason;
  note: string | null;
  created_by: number | null;
}

export interface FollowUpRecord {
  id: number;
  ticket_id: number | null;
  customer_id: number;
  assignee_id: number | null;
  team_id: number | null;
  status: FollowUpStatus;
  attempts: number;
  version: number;
  due_at: Date;
}

/** The note is sealed at rest (sensitive-fields.ts): sealed on every write, opened on read. */
export class FollowUpRepository {
  constructor(
    private readonly db: Db,
    private readonly fields: SensitiveFields,
  ) {}

  private toTask = (r: TaskRow): FollowUpTask => toTask(r, this.fields.open('follow_up_tasks.note', r.note));

  private base(db: Knex = this.db) {
    return db('follow_up_tasks as f')
      .join('customers as c', 'c.id', 'f.customer_id')
      .leftJoin('tickets as t', 't.id', 'f.ticket_id')
      .leftJoin('users as a', 'a.id', 'f.assignee_id')
      .select(
        'f.*',
        't.number as case_number',
        'c.name as customer_name',
        'a.display_name as assignee_name',
        db.raw('(SELECT p.e164 FROM customer_phones p WHERE p.customer_id = f.customer_id ORDER BY p.id LIMIT 1) AS phone'),
      );
  }

  async insert(db: Knex, t: NewFollowUp): Promise<number> {
    const [row] = (await db('follow_up_tasks').insert({ ...t, note: this.fields.seal('follow_up_tasks.note', t.note) }).returning('id')) as { id: number | string }[];
    return Number(row!.id);
  }

  async get(id: number): Promise<FollowUpTask | undefined> {
    const r = (await this.base().where('f.id', id).first()) as TaskRow | undefined;
    return r ? this.toTask(r) : undefined;
  }

  async lock(trx: Knex.Transaction, id: number): Promise<FollowUpRecord | undefined> {
    const r = await trx('follow_up_tasks').where('id', id).forUpdate().first();
    return r ? ({ ...r, id: Number(r.id), ticket_id: num(r.ticket_id), customer_id: Number(r.customer_id) } as FollowUpRecord) : undefined;
  }

  async update(trx: Knex.Transaction, id: number, version: number, changes: Record<string, unknown>): Promise<boolean> {
    const sealed = typeof changes.note === 'string' ? { ...changes, note: this.fields.seal('follow_up_tasks.note', changes.note) } : changes;
    const n = await trx('follow_up_tasks').where({ id, version }).update({ ...sealed, version: trx.raw('version + 1') });
    return n > 0;
  }

  /** Pending tasks of a user and of their team (unassigned), soonest due first. */
  async pendingFor(userId: number, teamId: number | null, limit = 100): Promise<FollowUpTask[]> {
    const q = this.base()
      .where('f.status', 'pending')
      .andWhere((w) => {
        w.where('f.assignee_id', userId);
        if (teamId !== null) w.orWhere((x) => x.whereNull('f.assignee_id').andWhere('f.team_id', teamId));
      })
      .orderBy([{ column: 'f.due_at' }, { column: 'f.id' }])
      .limit(limit);
    return ((await q) as TaskRow[]).map(this.toTask);
  }

  async forCase(ticketId: number): Promise<FollowUpTask[]> {
    return ((await this.base().where('f.ticket_id', ticketId).orderBy('f.due_at')) as TaskRow[]).map(this.toTask);
  }
}
