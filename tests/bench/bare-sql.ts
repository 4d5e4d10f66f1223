// The floor the screen-pop service is compared with: the same data (matching customers with
// their numbers, the first one's latest 50 interactions and open cases, with the names the
// service joins in) read by hand-written indexed SQL on one pg connection, no knex, no mapping.
import type pg from 'pg';

export const BARE_SQL = {
  /** customer_phones_e164 (e164) INCLUDE (customer_id): an index-only scan. */
  phone: `SELECT customer_id FROM customer_phones WHERE e164 = $1`,
  customers: `SELECT c.*, o.display_name AS owner_name,
       COALESCE((SELECT json_agg(json_build_object('e164', p.e164, 'raw', p.raw, 'label', p.label) ORDER BY p.position, p.id)
                   FROM customer_phones p WHERE p.customer_id = c.id), '[]'::json) AS phones
     FROM customers c LEFT JOIN users o ON o.id = c.owner_id
    WHERE c.id = ANY($1::bigint[])
    ORDER BY c.last_contact_at DESC NULLS LAST, c.id DESC LIMIT 10`,
  /** interactions_customer_latest (customer_id, started_at DESC, id DESC): one range scan. */
  interactions: `SELECT i.id, i.customer_id, i.kind, i.direction, i.caller_number, i.agent_id,
       a.display_name AS agent_name, q.display_name AS queue_name, k.name AS campaign_name,
       i.started_at, i.queued_at, i.offered_at, i.answered_at, i.ended_at, i.wait_seconds, i.talk_seconds,
       i.hold_seconds, i.wrap_seconds, i.end_reason, i.disposition, i.notes
     FROM interactions i
     LEFT JOIN users a ON a.id = i.agent_id LEFT JOIN queues q ON q.id = i.queue_id LEFT JOIN campaigns k ON k.id = i.campaign_id
    WHERE i.customer_id = $1
    ORDER BY i.started_at DESC, i.id DESC LIMIT 50`,
  /** tickets_customer_open (customer_id, created_at DESC) WHERE status IN ('new', 'open', 'pending_customer'). */
  openCases: `SELECT t.id, t.number, t.kind, t.subject, t.status, t.priority, t.category, t.severity,
       a.display_name AS assignee_name, t.created_at, t.ack_due_at, t.resolve_due_at, t.resolved_at, t.closed_at
     FROM tickets t LEFT JOIN users a ON a.id = t.assignee_id
    WHERE t.customer_id = $1 AND t.status IN ('new', 'open', 'pending_customer')
    ORDER BY t.resolve_due_at ASC NULLS LAST, t.created_at DESC LIMIT 50`,
};

export interface PopOutcome {
  customerId: number | null;
  interactionIds: number[];
  openCaseIds: number[];
}

/** Four round trips in sequence; `prepared` names the statements so they are planned once per connection. */
export async function barePop(client: pg.Client, e164: string, prepared: boolean): Promise<PopOutcome> {
  const run = <R extends pg.QueryResultRow>(name: keyof typeof BARE_SQL, values: unknown[]) =>
    client.query<R>(prepared ? { name: `bench_${name}`, text: BARE_SQL[name], values } : { text: BARE_SQL[name], values });
  const ids = (await run<{ customer_id: number }>('phone', [e164])).rows.map((r) => r.customer_id);
  if (ids.length === 0) return { customerId: null, interactionIds: [], openCaseIds: [] };
  const customers = (await run<{ id: number }>('customers', [ids])).rows;
  const first = customers[0];
  if (!first) return { customerId: null, interactionIds: [], openCaseIds: [] };
  const interactions = (await run<{ id: number }>('interactions', [first.id])).rows;
  const cases = (await run<{ id: number }>('openCases', [first.id])).rows;
  return { customerId: first.id, interactionIds: interactions.map((r) => r.id), openCaseIds: cases.map((r) => r.id) };
}
