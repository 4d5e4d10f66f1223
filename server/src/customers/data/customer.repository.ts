import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';
import type { Customer, CustomerSummary, ScreenPop } from '../../../../contract/index.js';
import type { CustomerRelation, Viewer } from '../rules/access-policy.js';
import { toCaseSummary } from '../../cases/data/case-row.js';
import { PHONES_JSON, RFM_COLUMNS, toCustomer, toSummary, type CustomerRow } from './customer-row.js';
import { reviveTimestamps, screenPopStatement, type ScreenPopQuery } from '../../cti/data/screen-pop.sql.js';
import { toInteraction } from '../../cti/data/interaction-row.js';
import { customerVisibleTo } from './customer-visibility.sql.js';
import { PreparedShapes, runPrepared } from '../../platform/db/prepared-statement.js';
import { customerInsertRow, phoneInsertRows, sensitiveCustomerColumns, type CustomerWrite, type NormalizedPhone } from './customer-write-row.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';

export type { CustomerWrite, NormalizedPhone };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => '\\' + m);
}

export class CustomerRepository {
  private readonly shapes = new PreparedShapes();

  /** `fields` seals and opens the email and address (customer-row.ts, customer-write-row.ts). */
  constructor(
    private readonly db: Db,
    private readonly fields: SensitiveFields,
  ) {}

  /**
   * Customers on one number, most recently contacted first, limited to what the viewer may see.
   * A hot read: a prepared statement per visibility rule, with the number, the viewer's ids and
   * the limit as its values, in that order.
   */
  async findByPhone(e164: string, viewer: Viewer, limit: number): Promise<CustomerSummary[]> {
    const vis = customerVisibleTo(viewer);
    const shape = this.shapes.compiled(`findByPhone|${vis.sql}`, () =>
      this.db
        .select(this.db.raw(`c.*, ${PHONES_JSON}`))
        .from('customers as c')
        .whereIn('c.id', this.db('customer_phones').select('customer_id').where('e164', e164))
        .andWhereRaw(vis.sql, vis.bindings)
        .orderByRaw('c.last_contact_at DESC NULLS LAST, c.id DESC')
        .limit(limit),
    );
    const { rows } = await runPrepared<{ rows: CustomerRow[] }>(this.db, shape, [e164, ...vis.bindings, limit]);
    return rows.map((r) => toSummary(r, this.fields));
  }

  /**
   * The customers on one number the viewer may see and, for the first, the record, the latest
   * interactions and (if asked) the open cases: one statement, see customer-screen-pop.sql.ts.
   */
  async screenPop(q: ScreenPopQuery): Promise<Pick<ScreenPop, 'matches' | 'primary'>> {
    const now = new Date(); // the open cases' clocks are judged at the moment of the read
    const { rows } = await screenPopStatement(this.db, q);
    const row = rows[0]!;
    const first = row.primary_customer;
    return {
      matches: row.matches.map((m) => toSummary(reviveTimestamps(m), this.fields)),
      primary: first && {
        customer: toCustomer(reviveTimestamps(first), this.fields),
        interactions: row.interactions.map((i) => toInteraction(reviveTimestamps(i), this.fields)),
        openCases: row.open_cases && row.open_cases.map((c) => toCaseSummary(reviveTimestamps(c), now)),
      },
    };
  }

  /**
   * Name, company or phone digits containing the text (trigram indexes), or the whole email
   * address: the email is sealed, so it is matched by its blind index, never by a part.
   */
  async search(q: string, viewer: Viewer, limit: number): Promise<CustomerSummary[]> {
    const vis = customerVisibleTo(viewer);
    const like = `%${escapeLike(q)}%`;
    const digits = q.replace(/\D/g, '');
    const emailIndex = q.includes('@') ? this.fields.blindIndex('customers.email', q) : null;
    const rows = await this.db
      .select<CustomerRow[]>(this.db.raw(`c.*, ${PHONES_JSON}`))
      .from('customers as c')
      .where((w) => {
        w.whereILike('c.name', like).orWhereILike('c.company', like);
        if (emailIndex) w.orWhere('c.email_hash', emailIndex);
        if (digits.length >= 3) {
          w.orWhereIn('c.id', this.db('customer_phones').select('customer_id').whereLike('e164', `%${digits}%`));
        }
      })
      .andWhereRaw(vis.sql, vis.bindings)
      .orderByRaw('c.last_contact_at DESC NULLS LAST, c.id DESC')
      .limit(limit);
    return rows.map((r) => toSummary(r, this.fields));
  }

  async getById(id: number): Promise<Customer | undefined> {
    const row = await this.db
      .select<CustomerRow[]>(this.db.raw(`c.*, o.display_name AS owner_name, ${PHONES_JSON}, ${RFM_COLUMNS}`))
      .from('customers as c')
      .leftJoin('users as o', 'o.id', 'c.owner_id')
      .leftJoin('customer_rfm as rf', 'rf.customer_id', 'c.id')
      .where('c.id', id)
      .first();
    return row ? toCustomer(row, this.fields) : undefined;
  }

  async exists(id: number): Promise<boolean> {
    return (await this.db('customers').where({ id }).first('id')) !== undefined;
  }

  /** The facts access-policy.ts decides on, in one round trip. */
  async relation(customerId: number, viewer: Viewer): Promise<CustomerRelation> {
    const r = await this.db
      .first<Record<keyof CustomerRelation, boolean>>(
        this.db.raw(
          `c.owner_id IS NOT DISTINCT FROM ?::int AS "ownedByViewer",
           EXISTS (SELECT 1 FROM interactions i WHERE i.agent_id = ? AND i.customer_id = c.id AND i.agent_handled) AS "handledByViewer",
           EXISTS (SELECT 1 FROM interaction_offers o JOIN interactions i ON i.id = o.interaction_id
                   WHERE o.agent_id = ? AND o.outcome IS NULL AND i.customer_id = c.id) AS "offeredToViewerNow",
           (c.team_id = ?::int OR c.owner_id IN (SELECT id FROM users WHERE team_id = ?::int)) IS TRUE AS "ownedByViewersTeam",
           EXISTS (SELECT 1 FROM interactions i JOIN users u ON u.id = i.agent_id
                   WHERE i.customer_id = c.id AND i.agent_handled AND u.team_id = ?::int) AS "handledByViewersTeam",
           EXISTS (SELECT 1 FROM campaign_leads l JOIN campaigns k ON k.id = l.campaign_id
                   WHERE l.customer_id = c.id AND k.owner_id = ?) AS "inViewersCampaigns",
           EXISTS (SELECT 1 FROM campaign_leads l WHERE l.customer_id = c.id AND l.reserved_by = ? AND l.reserved_until > now()) AS "leadHeldByViewer"`,
          [viewer.id, viewer.id, viewer.id, viewer.teamId, viewer.teamId, viewer.teamId, viewer.id, viewer.id],
        ),
      )
      .from('customers as c')
      .where('c.id', customerId);
    if (!r) throw new Error(`relation() called for missing customer ${customerId}`);
    return r;
  }

  async create(c: CustomerWrite, phones: NormalizedPhone[]): Promise<number> {
    return this.db.transaction(async (trx) => {
      const [row] = await trx('customers')
        .insert(customerInsertRow(c, this.fields))
        .returning('id');
      const id = (row as { id: number }).id;
      await this.replacePhones(trx, id, phones);
      return id;
    });
  }

  async update(id: number, patch: Partial<CustomerWrite>, phones: NormalizedPhone[] | undefined): Promise<void> {
    await this.db.transaction(async (trx) => {
      const cols: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (patch.name !== undefined) cols.name = patch.name;
      Object.assign(cols, sensitiveCustomerColumns(patch, this.fields));
      if (patch.company !== undefined) cols.company = patch.company;
      if (patch.region !== undefined) cols.region = patch.region;
      if (patch.tags !== undefined) cols.tags = patch.tags;
      if (patch.valueTier !== undefined) cols.value_tier = patch.valueTier;
      if (patch.ownerId !== undefined) cols.owner_id = patch.ownerId;
      await trx('customers').where({ id }).update(cols);
      if (phones) await this.replacePhones(trx, id, phones);
    });
  }

  private async replacePhones(trx: Knex.Transaction, customerId: number, phones: NormalizedPhone[]) {
    await trx('customer_phones').where({ customer_id: customerId }).delete();
    const unique = phones.filter((p, i) => phones.findIndex((q) => q.e164 === p.e164) === i);
    if (unique.length === 0) return;
    await trx('customer_phones').insert(phoneInsertRows(customerId, unique));
  }
}
