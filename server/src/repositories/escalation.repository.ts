// Escalations the scheduler fired. A unique key on (case, clock, level, due time) makes a second
// firing of the same deadline impossible, whatever happens to the process in between.
import type { Knex } from 'knex';
import type { Db } from '../db/database.js';
import type { EscalationLevel, EscalationView, SlaClock } from '../../contract/index.js';
import { iso, isoRequired } from './row-mapping.js';

export interface NewEscalation {
  ticket_id: number;
  clock: SlaClock;
  level: EscalationLevel;
  due_at: Date;
  to_user_id: number | null;
  fired_at: Date;
}

export class EscalationRepository {
  constructor(private readonly db: Db) {}

  /** Inserts unless the same deadline already fired; answers the new row's id or null. */
  async fire(trx: Knex, e: NewEscalation): Promise<number | null> {
    const rows = (await trx('escalations')
      .insert(e)
      .onConflict(['ticket_id', 'clock', 'level', 'due_at'])
      .ignore()
      .returning('id')) as { id: number | string }[];
    return rows[0] ? Number(rows[0].id) : null;
  }

  private base() {
    return this.db('escalations as e')
      .join('tickets as t', 't.id', 'e.ticket_id')
      .join('customers as c', 'c.id', 't.customer_id')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .select(
        'e.id',
        'e.ticket_id',
        't.number',
        't.kind',
        't.subject',
        'c.name as customer_name',
        'a.display_name as assignee_name',
        'e.clock',
        'e.level',
        'e.due_at',
        'e.fired_at',
        'e.acknowledged_at',
      );
  }

  async view(id: number): Promise<EscalationView | undefined> {
    const r = await this.base().where('e.id', id).first();
    return r ? toView(r) : undefined;
  }

  /** What a supervisor must look at: unacknowledged first, newest first. */
  async forUser(userId: number, limit = 100): Promise<EscalationView[]> {
    const rows = await this.base()
      .where('e.to_user_id', userId)
      .orderByRaw('e.acknowledged_at IS NOT NULL, e.fired_at DESC')
      .limit(limit);
    return rows.map(toView);
  }

  async acknowledge(id: number, userId: number, at: Date): Promise<boolean> {
    const n = await this.db('escalations').where({ id, to_user_id: userId }).whereNull('acknowledged_at').update({ acknowledged_at: at, acknowledged_by: userId });
    return n > 0;
  }
}

function toView(r: Record<string, unknown>): EscalationView {
  return {
    id: Number(r.id),
    caseId: Number(r.ticket_id),
    caseNumber: r.number as string,
    caseKind: r.kind as EscalationView['caseKind'],
    subject: r.subject as string,
    customerName: r.customer_name as string,
    assigneeName: (r.assignee_name as string | null) ?? null,
    clock: r.clock as SlaClock,
    level: r.level as EscalationLevel,
    dueAt: isoRequired(r.due_at as Date),
    firedAt: isoRequired(r.fired_at as Date),
    acknowledgedAt: iso(r.acknowledged_at as Date | null),
  };
}
