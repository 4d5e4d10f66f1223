// Writes to tickets and complaints. Every change runs in the caller's transaction, bumps the
// version only when the editor saw the current one, and leaves an event on the timeline.
import type { Knex } from 'knex';
import type { CallToLink } from '../rules/call-link.js';
import type {
  CaseKind,
  CaseStatus,
  ComplaintChannel,
  Priority,
  RootCause,
  Severity,
  SlaStatus,
} from '../../../../contract/index.js';
import { refreshCaseSla, type SweepStateChange } from './case-sla.sql.js';
import type { SensitiveField, SensitiveFields } from '../../platform/crypto/sensitive-fields.js';

/** The case's texts sealed at rest (sensitive-fields.ts): sealed on write, opened on lock. */
const SEALED_COLUMNS = [
  ['description', 'tickets.description'],
  ['resolution', 'tickets.resolution'],
  ['compensation', 'tickets.compensation'],
] as const satisfies readonly (readonly [keyof CaseColumns, SensitiveField])[];

/** Every column a rule may look at, as stored. */
export interface CaseRecord {
  id: number;
  number: string;
  kind: CaseKind;
  customer_id: number;
  subject: string;
  description: string | null;
  status: CaseStatus;
  priority: Priority;
  category: string | null;
  tags: string[];
  assignee_id: number | null;
  team_id: number | null;
  channel: ComplaintChannel | null;
  severity: Severity | null;
  ack_due_at: Date | null;
  ack_at_risk_at: Date | null;
  acknowledged_at: Date | null;
  resolve_due_at: Date | null;
  resolve_at_risk_at: Date | null;
  paused_at: Date | null;
  root_cause: RootCause | null;
  resolution: string | null;
  compensation: string | null;
  customer_confirmed: boolean | null;
  contact_attempts: number;
  resolved_at: Date | null;
  closed_at: Date | null;
  sla_state: Record<string, unknown>;
  sla_status: SlaStatus;
  version: number;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
  /** Team of the assignee, for the supervisors' edit rule. */
  assignee_team_id?: number | null;
}

export type CaseColumns = Partial<Omit<CaseRecord, 'id' | 'number' | 'version' | 'assignee_team_id'>>;

export class CaseWriteRepository {
  constructor(private readonly fields: SensitiveFields) {}

  /** The case row, locked until the transaction ends, so rules see what they change (in clear). */
  async lock(trx: Knex.Transaction, id: number): Promise<CaseRecord | undefined> {
    const row = (await trx('tickets as t')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .leftJoin('case_sla as s', 's.ticket_id', 't.id')
      .select('t.*', 'a.team_id as assignee_team_id', 's.state as sla_state', 's.status as sla_status')
      .where('t.id', id)
      .forUpdate('t')
      .first()) as CaseRecord | undefined;
    if (!row) return undefined;
    for (const [column, field] of SEALED_COLUMNS) row[column] = this.fields.open(field, row[column]);
    return row;
  }

  private sealed<T extends CaseColumns>(c: T): T {
    const out = { ...c };
    for (const [column, field] of SEALED_COLUMNS) if (out[column] !== undefined) out[column] = this.fields.seal(field, out[column]);
    return out;
  }

  /**
   * The number is drawn first, so the search keys (which include it) go in with the row rather
   * than in a second write of it.
   */
  async insert(
    trx: Knex.Transaction,
    c: CaseColumns & { kind: CaseKind; customer_id: number; subject: string },
    searchKeysFor: (number: string) => string[],
  ): Promise<{ id: number; number: string }> {
    const year = (c.created_at ?? new Date()).getUTCFullYear();
    const seq = c.kind === 'ticket' ? 'ticket_number_seq' : 'complaint_number_seq';
    const prefix = `${c.kind === 'ticket' ? 'T' : 'C'}-${year}-`;
    const { rows } = (await trx.raw(`SELECT ? || lpad(nextval('${seq}')::text, 6, '0') AS number`, [prefix])) as { rows: { number: string }[] };
    const number = rows[0]!.number;
    const { ticket, sla } = splitSla(this.sealed(c));
    const [row] = (await trx('tickets')
      .insert({
        ...ticket,
        number,
        tags: c.tags ?? [],
        search: trx.raw('array_to_tsvector(?::text[])', [searchKeysFor(number)]),
      })
      .returning('id')) as { id: number | string }[];
    const id = Number(row!.id);
    await refreshCaseSla(trx, id, sla);
    return { id, number };
  }

  /** Applies changes if `version` is still the stored one; false means someone saved first. */
  async update(trx: Knex.Transaction, id: number, version: number, changes: CaseColumns, searchKeys?: string[]): Promise<number | null> {
    const { ticket, sla } = splitSla(this.sealed(changes));
    const set: Record<string, unknown> = { ...ticket, updated_at: changes.updated_at ?? trx.fn.now(), version: trx.raw('version + 1') };
    if (searchKeys) set.search = trx.raw('array_to_tsvector(?::text[])', [searchKeys]);
    const rows = (await trx('tickets').where({ id, version }).update(set).returning('version')) as { version: number }[];
    if (rows.length) await refreshCaseSla(trx, id, sla);
    return rows[0]?.version ?? null;
  }

  /** An entry on the timeline; its free texts (notes, changed descriptions) are sealed. */
  async addEvent(trx: Knex.Transaction | Knex, ticketId: number, actorId: number | null, type: string, detail: Record<string, unknown>, at: Date): Promise<void> {
    await trx('case_events').insert({
      ticket_id: ticketId,
      actor_id: actorId,
      type,
      detail: JSON.stringify(this.fields.sealDocument('case_events.detail', detail)),
      texts_key: this.fields.cipher.currentKeyId,
      at,
    });
  }

  /** Links a call to a case once; false when it was already linked. */
  async link(trx: Knex.Transaction, interactionId: number, ticketId: number, userId: number | null, at: Date): Promise<boolean> {
    const rows = await trx('interaction_links')
      .insert({ interaction_id: interactionId, ticket_id: ticketId, linked_by: userId, linked_at: at })
      .onConflict(['interaction_id', 'ticket_id'])
      .ignore()
      .returning('ticket_id');
    return rows.length > 0;
  }

  /** What the call-link rule decides on: who took the call, their team, its customer. */
  async callForLink(trx: Knex.Transaction, interactionId: number): Promise<CallToLink | undefined> {
    return trx('interactions as i')
      .leftJoin('users as u', 'u.id', 'i.agent_id')
      .where('i.id', interactionId)
      .first<CallToLink | undefined>('i.agent_id as agentId', 'u.team_id as agentTeamId', 'i.customer_id as customerId');
  }

  /** An unidentified call linked to a case is with the case's customer. */
  async identifyCall(trx: Knex.Transaction, interactionId: number, customerId: number): Promise<void> {
    await trx('interactions').where({ id: interactionId }).whereNull('customer_id').update({ customer_id: customerId });
  }

  async unlink(trx: Knex.Transaction, interactionId: number, ticketId: number): Promise<boolean> {
    return (await trx('interaction_links').where({ interaction_id: interactionId, ticket_id: ticketId }).delete()) > 0;
  }
}

/** The SLA sweep's own columns live in case_sla (see case-sla.sql.ts); the rest in tickets. */
function splitSla(c: CaseColumns): { ticket: CaseColumns; sla: SweepStateChange } {
  const { sla_state, sla_status: _derived, ...ticket } = c;
  const sla: SweepStateChange = {};
  if (sla_state !== undefined) sla.state = sla_state;
  return { ticket, sla };
}
