// Escalations the scheduler fired. A unique key on (case, clock, level, due time) makes a second
// firing of the same deadline impossible, whatever happens to the process in between.
import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';
import type { EscalationLevel, EscalationView, SlaClock } from '../../../../contract/index.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';

export interface NewEscalation {
  ticket_id: number;
  clock: SlaClock;
  level: EscalationLevel;
  due_at: Date;
  to_user_id: number | null;
  fired_at: Date;
}

/** Where a page of a recipient's list ended: the last row's place in the list order. */
export interface EscalationCursor {
  acknowledged: boolean;
  firedAt: Date;
  id: number;
}

/** What one acknowledgement changed, for the people who must hear of it. */
export interface Acknowledgement {
  recipientId: number | null;
  at: Date;
  by: { id: number; name: string };
}

// The list order: unacknowledged first, then newest first, id breaking ties. Acknowledging only
// moves a row later, so a page read after another tab acknowledged something may repeat a row
// (the console drops it by id) but never skips one. fired_at is compared at millisecond
// precision, the precision a cursor carries through a JavaScript Date.
const FIRED_MS = "date_trunc('milliseconds', e.fired_at)";
const LIST_ORDER = `e.acknowledged_at IS NOT NULL, ${FIRED_MS} DESC, e.id DESC`;

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
      .leftJoin('users as k', 'k.id', 'e.acknowledged_by')
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
        'k.display_name as acknowledged_by_name',
      );
  }

  async view(id: number): Promise<EscalationView | undefined> {
    const r = await this.base().where('e.id', id).first();
    return r ? toView(r) : undefined;
  }

  /** Who it went to (null: that account was removed), or undefined when there is no such escalation. */
  async recipientOf(id: number): Promise<{ toUserId: number | null } | undefined> {
    const r = (await this.db('escalations').where({ id }).first('to_user_id')) as { to_user_id: number | null } | undefined;
    return r ? { toUserId: r.to_user_id } : undefined;
  }

  /** One page of a recipient's list in LIST_ORDER, after `after` when given. */
  async pageFor(userId: number, limit: number, after?: EscalationCursor): Promise<EscalationView[]> {
    const q = this.base().where('e.to_user_id', userId).orderByRaw(LIST_ORDER).limit(limit);
    if (after) {
      q.andWhere((w) =>
        w
          .whereRaw('(e.acknowledged_at IS NOT NULL) > ?', [after.acknowledged])
          .orWhereRaw(`(e.acknowledged_at IS NOT NULL) = ? AND (${FIRED_MS}, e.id) < (?::timestamptz, ?::bigint)`, [
            after.acknowledged,
            after.firedAt,
            after.id,
          ]),
      );
    }
    return (await q).map(toView);
  }

  async unreadCount(userId: number): Promise<number> {
    const r = (await this.db('escalations').where({ to_user_id: userId }).whereNull('acknowledged_at').count('* as n').first()) as { n: string | number };
    return Number(r.n);
  }

  /**
   * Marks it acknowledged by `byUserId`, once: answers what changed, or null when it already was
   * acknowledged (or is gone), so a second click or a race tells nobody anything new.
   */
  async acknowledge(id: number, byUserId: number, at: Date): Promise<Acknowledgement | null> {
    const { rows } = (await this.db.raw(
      `WITH done AS (
         UPDATE escalations SET acknowledged_at = ?, acknowledged_by = ?
          WHERE id = ? AND acknowledged_at IS NULL
          RETURNING to_user_id, acknowledged_at, acknowledged_by)
       SELECT done.*, u.display_name FROM done JOIN users u ON u.id = done.acknowledged_by`,
      [at, byUserId, id],
    )) as { rows: { to_user_id: number | null; acknowledged_at: Date; acknowledged_by: number; display_name: string }[] };
    const r = rows[0];
    return r ? { recipientId: r.to_user_id, at: r.acknowledged_at, by: { id: r.acknowledged_by, name: r.display_name } } : null;
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
    acknowledgedBy: (r.acknowledged_by_name as string | null) ?? null,
  };
}
