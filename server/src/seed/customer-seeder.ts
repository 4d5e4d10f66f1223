// Writes generated customers with their histories, in batches, inside one transaction per batch.
// The sensitive fields go in clear: the seeders run without the data keys, and whoever runs them
// seals them next (encryptClearFields: the server's start, `npm run seed`, the test app).
import type { Knex } from 'knex';
import type { Db } from '../platform/db/database.js';
import { makeRng } from './random.js';
import { RUNNING_CASE_STATUSES } from '../../../contract/index.js';
import { customerInsertRow, phoneInsertRows } from '../customers/data/customer-write-row.js';
import { complaintSubject, generateCustomer, generateInteraction, ticketSubject } from './customer-generator.js';

export interface SeedAgents {
  agentIds: number[];
  teamId: number | null;
  queueId: number | null;
}

const BATCH = 500;

export function caseNumberSql(knex: Knex, kind: 'ticket' | 'complaint', year: number): Knex.Raw {
  const seq = kind === 'ticket' ? 'ticket_number_seq' : 'complaint_number_seq';
  return knex.raw(`? || lpad(nextval('${seq}')::text, 6, '0')`, [`${kind === 'ticket' ? 'T' : 'C'}-${year}-`]);
}

/** Adds `count` customers with 0–12 past calls each and a share of tickets and complaints. */
export async function seedCustomers(
  db: Db,
  opts: { count: number; seed: number; agents: SeedAgents; now?: Date; onProgress?: (done: number) => void },
): Promise<number> {
  const rng = makeRng(opts.seed);
  const now = opts.now ?? new Date();
  const { agentIds, teamId, queueId } = opts.agents;
  let done = 0;
  while (done < opts.count) {
    const n = Math.min(BATCH, opts.count - done);
    await db.transaction(async (trx) => {
      const generated = Array.from({ length: n }, (_, i) => generateCustomer(rng, opts.seed * 1_000_000 + done + i));
      const owners = generated.map(() => (agentIds.length && rng.chance(0.5) ? rng.pick(agentIds) : null));
      const ids = (
        await trx('customers')
          .insert(
            generated.map((c, i) => customerInsertRow({ ...c, ownerId: owners[i] ?? null, teamId: owners[i] ? teamId : null }, null)),
          )
          .returning('id')
      ).map((r: { id: number }) => r.id);

      const phones = generated.flatMap((c, i) => phoneInsertRows(ids[i]!, c.phones));
      await trx.batchInsert('customer_phones', phones, 1000);

      const interactions: Record<string, unknown>[] = [];
      const lastContact = new Map<number, Date>();
      ids.forEach((id, i) => {
        const calls = agentIds.length ? rng.int(0, 12) : 0;
        for (let k = 0; k < calls; k++) {
          const it = generateInteraction(rng, now, 365);
          const agent = it.endReason === 'abandoned' ? null : rng.pick(agentIds);
          interactions.push(interactionRow(id, agent, queueId, generated[i]!.phones[0]?.e164 ?? null, it));
          if (!lastContact.has(id) || lastContact.get(id)! < it.startedAt) lastContact.set(id, it.startedAt);
        }
      });
      await trx.batchInsert('interactions', interactions, 1000);
      for (const [id, at] of lastContact) await trx('customers').where({ id }).update({ last_contact_at: at });

      for (const id of ids) {
        if (rng.chance(0.25)) {
          const created = new Date(now.getTime() - rng.int(1, 60) * 86400_000);
          const open = rng.chance(0.4);
          await trx('tickets').insert({
            number: caseNumberSql(trx, 'ticket', created.getUTCFullYear()),
            kind: 'ticket',
            customer_id: id,
            subject: ticketSubject(rng),
            status: open ? rng.pick(RUNNING_CASE_STATUSES) : 'closed',
            priority: rng.pick(['P1', 'P2', 'P3', 'P3', 'P4']),
            category: rng.pick(['fault', 'billing', 'delivery', 'account']),
            assignee_id: agentIds.length ? rng.pick(agentIds) : null,
            team_id: teamId,
            resolve_due_at: new Date(created.getTime() + 3 * 86400_000),
            resolved_at: open ? null : new Date(created.getTime() + 86400_000),
            closed_at: open ? null : new Date(created.getTime() + 2 * 86400_000),
            created_at: created,
            updated_at: created,
          });
        }
        if (rng.chance(0.08)) {
          const created = new Date(now.getTime() - rng.int(0, 30) * 86400_000 - rng.int(0, 86400) * 1000);
          const open = rng.chance(0.5);
          await trx('tickets').insert({
            number: caseNumberSql(trx, 'complaint', created.getUTCFullYear()),
            kind: 'complaint',
            customer_id: id,
            subject: complaintSubject(rng),
            status: open ? 'open' : 'closed',
            priority: 'P2',
            category: rng.pick(['product', 'service', 'billing', 'staff', 'other']),
            severity: rng.pick(['low', 'medium', 'high']),
            channel: 'phone',
            assignee_id: agentIds.length ? rng.pick(agentIds) : null,
            team_id: teamId,
            ack_due_at: new Date(created.getTime() + 86400_000),
            resolve_due_at: new Date(created.getTime() + 5 * 86400_000),
            acknowledged_at: new Date(created.getTime() + 3600_000),
            resolution: open ? null : 'Apologised and refunded the charge.',
            customer_confirmed: open ? null : true,
            resolved_at: open ? null : new Date(created.getTime() + 2 * 86400_000),
            closed_at: open ? null : new Date(created.getTime() + 3 * 86400_000),
            created_at: created,
            updated_at: created,
          });
        }
      }
    });
    done += n;
    opts.onProgress?.(done);
  }
  return done;
}

export function interactionRow(
  customerId: number | null,
  agentId: number | null,
  queueId: number | null,
  callerNumber: string | null,
  it: ReturnType<typeof generateInteraction>,
): Record<string, unknown> {
  const queued = it.startedAt;
  const offered = new Date(queued.getTime() + it.waitSeconds * 1000);
  const answered = it.endReason === 'completed' ? offered : null;
  const ended = new Date(offered.getTime() + (it.talkSeconds + it.holdSeconds) * 1000);
  return {
    customer_id: customerId,
    kind: 'call',
    direction: it.direction,
    caller_number: callerNumber,
    agent_id: agentId,
    queue_id: it.direction === 'inbound' ? queueId : null,
    started_at: queued,
    queued_at: it.direction === 'inbound' ? queued : null,
    offered_at: agentId ? offered : null,
    answered_at: answered,
    ended_at: ended,
    wait_seconds: it.waitSeconds,
    talk_seconds: it.talkSeconds,
    hold_seconds: it.holdSeconds,
    wrap_seconds: it.wrapSeconds,
    end_reason: it.endReason,
    hangup_by: it.endReason === 'completed' ? (it.direction === 'inbound' ? 'customer' : 'agent') : null,
    disposition: it.disposition,
    notes: it.notes,
  };
}
