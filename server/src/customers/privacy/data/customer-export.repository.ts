// Everything kefu holds about one customer, read for an export (access and portability).
import type { CustomerExport } from '../../../../../contract/index.js';
import type { Db } from '../../../platform/db/database.js';
import { iso, isoRequired } from '../../../platform/db/row-mapping.js';
import type { SensitiveFields } from '../../../platform/crypto/sensitive-fields.js';

type Export = Omit<CustomerExport, 'exportedAt' | 'consents'>;

/** The texts a person wrote on a case's timeline, by event type. */
const NOTE_TEXT_SQL = `COALESCE(e.detail->>'text', e.detail->>'note')`;

export class CustomerExportRepository {
  /** The export gives the person their data in clear: `fields` opens what is sealed at rest. */
  constructor(
    private readonly db: Db,
    private readonly fields: SensitiveFields,
  ) {}

  async read(customerId: number): Promise<Export | null> {
    const c = await this.db('customers').where({ id: customerId }).first();
    if (!c) return null;
    const [phones, interactions, cases, notes] = await Promise.all([
      this.db('customer_phones').where({ customer_id: customerId }).orderBy(['position', 'id']).select('e164', 'raw', 'label'),
      this.db('interactions as i')
        .leftJoin('users as a', 'a.id', 'i.agent_id')
        .where('i.customer_id', customerId)
        .orderBy([{ column: 'i.started_at', order: 'desc' }, { column: 'i.id', order: 'desc' }])
        .select('i.id', 'i.kind', 'i.direction', 'i.caller_number', 'a.display_name as agent_name', 'i.started_at', 'i.ended_at', 'i.talk_seconds', 'i.end_reason', 'i.disposition', 'i.notes', 'i.csat_score'),
      this.db('tickets').where({ customer_id: customerId }).orderBy('created_at', 'desc').select('id', 'number', 'kind', 'status', 'subject', 'description', 'resolution', 'created_at', 'closed_at'),
      this.db('case_events as e')
        .join('tickets as t', 't.id', 'e.ticket_id')
        .where('t.customer_id', customerId)
        .whereRaw(`${NOTE_TEXT_SQL} IS NOT NULL`)
        .orderBy([{ column: 'e.at', order: 'asc' }, { column: 'e.id', order: 'asc' }])
        .select('e.ticket_id', 'e.at', 'e.type', this.db.raw(`${NOTE_TEXT_SQL} AS text`)),
    ]);
    return {
      profile: {
        id: Number(c.id),
        name: c.name,
        email: this.fields.open('customers.email', c.email),
        company: c.company,
        region: c.region,
        address: this.fields.open('customers.address', c.address),
        tags: c.tags,
        valueTier: c.value_tier,
        createdAt: isoRequired(c.created_at),
        updatedAt: isoRequired(c.updated_at),
        lastContactAt: iso(c.last_contact_at),
        erasedAt: iso(c.erased_at),
      },
      phones: phones.map((p: { e164: string; raw: string; label: string | null }) => ({ e164: p.e164, raw: p.raw, label: p.label })),
      interactions: interactions.map((i: Record<string, any>) => ({
        id: Number(i.id),
        kind: i.kind,
        direction: i.direction,
        callerNumber: i.caller_number,
        agentName: i.agent_name,
        startedAt: isoRequired(i.started_at),
        endedAt: iso(i.ended_at),
        talkSeconds: i.talk_seconds,
        endReason: i.end_reason,
        disposition: i.disposition,
        notes: this.fields.open('interactions.notes', i.notes),
        csatScore: i.csat_score,
      })),
      cases: cases.map((t: Record<string, any>) => ({
        id: Number(t.id),
        number: t.number,
        kind: t.kind,
        status: t.status,
        subject: t.subject,
        description: this.fields.open('tickets.description', t.description),
        resolution: this.fields.open('tickets.resolution', t.resolution),
        createdAt: isoRequired(t.created_at),
        closedAt: iso(t.closed_at),
      })),
      caseNotes: notes.map((n: Record<string, any>) => ({ caseId: Number(n.ticket_id), at: isoRequired(n.at), type: n.type, text: this.fields.cipher.open('case_events.detail', n.text) })),
    };
  }
}
