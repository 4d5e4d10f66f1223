// Loads the data set with COPY, streamed from generators: staff (knex), customers,
// customer_phones, interactions, tickets. Explicit ids; sequences are set afterwards.
import type pg from 'pg';
import type { Db } from '../../server/src/platform/db/database.js';
import { complaintSubject, generateInteraction, ticketSubject } from '../../server/src/seed/customer-generator.js';
import { interactionRow } from '../../server/src/seed/customer-seeder.js';
import { hashPassword } from '../../server/src/identity/password.js';
import { queueNumberRow } from '../../server/src/acd/data/phone-number-rows.js';
import { ChunkBuilder, copyInto, NULL, bool, cell, num, text, textArray, ts } from './copy-text.js';
import { DAY_MS, NOW_MS, SPAN_MS, STREAM, streamRng, type DatasetPlan } from './dataset.js';
import { elapsedMs, round } from './stats.js';

export interface Staff {
  adminId: number;
  agentIds: number[];
  teamId: number;
  queueId: number;
}

export interface TableLoad {
  rows: number;
  seconds: number;
  rowsPerSec: number;
}

export interface LoadResult {
  tables: Record<string, TableLoad>;
  /** Every number of the customers the look-ups will ask for. */
  targetPhones: Map<number, string[]>;
  tickets: number;
  complaints: number;
}

const AGENTS = 20;
/** Every bench user's password: the screen-pop benchmark signs an agent in (a throw-away database). */
export const BENCH_PASSWORD = 'kefu-bench-password';
/** The number the support queue answers; the console's web phone calls it by default. */
export const BENCH_HOTLINE = '4008001234';

function timed(rows: number, startNs: bigint): TableLoad {
  const seconds = elapsedMs(startNs) / 1000;
  return { rows, seconds: round(seconds, 2), rowsPerSec: Math.round(rows / Math.max(seconds, 1e-9)) };
}

/** A team, an admin, two supervisors, agents and a queue: what interactions and cases point at. */
export async function loadStaff(db: Db): Promise<{ staff: Staff; load: TableLoad }> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const t0 = process.hrtime.bigint();
  return db.transaction(async (trx) => {
    const [team] = await trx('teams').insert({ name: 'Support' }).returning('id');
    const user = (username: string, displayName: string, role: string, extension: string | null) => ({
      username,
      display_name: displayName,
      password_hash: passwordHash,
      role,
      team_id: role === 'admin' ? null : team.id,
      extension,
    });
    const rows = [
      user('bench-admin', 'Bench Admin', 'admin', null),
      user('bench-supervisor1', 'Bench Supervisor 1', 'supervisor', '2900'),
      user('bench-supervisor2', 'Bench Supervisor 2', 'supervisor', '2901'),
      ...Array.from({ length: AGENTS }, (_, i) =>
        user(`bench-agent${String(i + 1).padStart(2, '0')}`, `Agent ${i + 1} 坐席`, 'agent', String(2001 + i)),
      ),
    ];
    const ids = (await trx('users').insert(rows).returning(['id', 'role'])) as { id: number; role: string }[];
    const [queue] = await trx('queues')
      .insert({ name: 'support', display_name: 'Customer support', team_id: team.id })
      .returning('id');
    await trx('phone_numbers').insert(queueNumberRow(queue.id, BENCH_HOTLINE));
    await trx('queue_members').insert(ids.filter((u) => u.role === 'agent').map((u) => ({ queue_id: queue.id, user_id: u.id })));
    const staff: Staff = {
      adminId: ids.find((u) => u.role === 'admin')!.id,
      agentIds: ids.filter((u) => u.role === 'agent').map((u) => u.id),
      teamId: team.id,
      queueId: queue.id,
    };
    return { staff, load: timed(2 + rows.length + AGENTS, t0) };
  });
}

const CUSTOMER_COLUMNS = ['id', 'name', 'email', 'company', 'region', 'address', 'tags', 'value_tier', 'owner_id', 'team_id', 'last_contact_at', 'created_at', 'updated_at'];

function* customerChunks(b: ChunkBuilder, plan: DatasetPlan, staff: Staff): Generator<Buffer> {
  const rng = streamRng(plan.seed, STREAM.customerAttrs);
  for (const { id, customer: c } of plan.generatedCustomers()) {
    plan.primaryPhone[id - 1] = c.phones[0]!.e164;
    const owner = rng.chance(0.5) ? rng.pick(staff.agentIds) : null;
    const created = NOW_MS - SPAN_MS - rng.int(0, 365 * 86400) * 1000;
    const last = plan.lastCall[id - 1]!;
    const createdText = ts(created);
    b.utf8(`${id}\t${text(c.name)}\t${text(c.email)}\t${text(c.company)}\t${text(c.region)}\t${text(c.address)}\t${textArray(c.tags)}\t${c.valueTier}\t${num(owner)}\t${owner === null ? NULL : staff.teamId}\t${last >= 0 ? ts(plan.interactionAt(last)) : NULL}\t${createdText}\t${createdText}\n`);
    const full = b.endRow();
    if (full) yield full;
  }
  const last = b.take();
  if (last) yield last;
}

const PHONE_COLUMNS = ['id', 'customer_id', 'e164', 'raw', 'label', 'position'];

function* phoneChunks(b: ChunkBuilder, plan: DatasetPlan, targets: Set<number>, targetPhones: Map<number, string[]>): Generator<Buffer> {
  let pid = 0;
  for (const { id, customer } of plan.generatedCustomers()) {
    if (targets.has(id)) targetPhones.set(id, customer.phones.map((p) => p.e164));
    for (let pos = 0; pos < customer.phones.length; pos++) {
      const p = customer.phones[pos]!;
      b.utf8(`${++pid}\t${id}\t${p.e164}\t${text(p.raw)}\t${text(p.label)}\t${pos}\n`);
      const full = b.endRow();
      if (full) yield full;
    }
  }
  const last = b.take();
  if (last) yield last;
}

// Timestamps first (they vary per row), then the columns a template fixes.
const INTERACTION_COLUMNS = ['id', 'customer_id', 'caller_number', 'started_at', 'queued_at', 'offered_at', 'answered_at', 'ended_at', 'created_at'];
const INTERACTION_FIXED = ['kind', 'direction', 'agent_id', 'queue_id', 'wait_seconds', 'talk_seconds', 'hold_seconds', 'wrap_seconds', 'end_reason', 'hangup_by', 'disposition', 'notes'];

interface CallTemplate {
  /** Offsets from started_at in ms, null for a NULL column. */
  queued: number | null;
  offered: number | null;
  answered: number | null;
  ended: number | null;
  /** The template's own columns, tab-led and newline-ended, already UTF-8. */
  fixed: Buffer;
}

/** 10,000 calls made by the seeder's own generator; rows reuse them with their own customer and time. */
function callTemplates(plan: DatasetPlan, staff: Staff, size = 10_000): CallTemplate[] {
  const rng = streamRng(plan.seed, STREAM.interactionPool);
  const offset = (v: unknown, start: number) => (v instanceof Date ? v.getTime() - start : null);
  return Array.from({ length: size }, () => {
    const it = generateInteraction(rng, new Date(NOW_MS), 365);
    const agent = it.endReason === 'abandoned' ? null : rng.pick(staff.agentIds);
    const row = interactionRow(null, agent, staff.queueId, null, it);
    const start = it.startedAt.getTime();
    return {
      queued: offset(row.queued_at, start),
      offered: offset(row.offered_at, start),
      answered: offset(row.answered_at, start),
      ended: offset(row.ended_at, start),
      fixed: Buffer.from(`\t${INTERACTION_FIXED.map((c) => cell(row[c])).join('\t')}\n`),
    };
  });
}

function* interactionChunks(b: ChunkBuilder, plan: DatasetPlan, staff: Staff): Generator<Buffer> {
  const pool = callTemplates(plan, staff);
  const rng = streamRng(plan.seed, STREAM.interactions);
  for (let i = 0; i < plan.interactions; i++) {
    const t = pool[Math.floor(rng.next() * pool.length)]!;
    const customer = plan.callerOf[i]!;
    const start = plan.interactionAt(i);
    const s = ts(start);
    const at = (off: number | null) => (off === null ? NULL : off === 0 ? s : ts(start + off));
    const offered = at(t.offered);
    const answered = t.answered === t.offered ? offered : at(t.answered);
    b.ascii(`${i + 1}\t${customer}\t${plan.primaryPhone[customer - 1]}\t${s}\t${at(t.queued)}\t${offered}\t${answered}\t${at(t.ended)}\t${s}`);
    b.bytes(t.fixed);
    const full = b.endRow();
    if (full) yield full;
  }
  const last = b.take();
  if (last) yield last;
}

const CASE_COLUMNS = ['id', 'number', 'kind', 'customer_id', 'subject', 'status', 'priority', 'category', 'assignee_id', 'team_id', 'channel', 'severity', 'ack_due_at', 'acknowledged_at', 'resolve_due_at', 'resolution', 'customer_confirmed', 'resolved_at', 'closed_at', 'created_by', 'created_at', 'updated_at'];
const TICKET_STATUS_OPEN = ['new', 'open', 'pending_customer'] as const;
const TICKET_CATEGORIES = ['fault', 'billing', 'delivery', 'account'] as const;
const COMPLAINT_CATEGORIES = ['product', 'service', 'billing', 'staff', 'other'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P3', 'P4'] as const;

/** Tickets (3 in 4) and complaints; recent ones are mostly open, old ones mostly closed. */
function* caseChunks(b: ChunkBuilder, plan: DatasetPlan, staff: Staff, counts: { tickets: number; complaints: number }): Generator<Buffer> {
  const rng = streamRng(plan.seed, STREAM.cases);
  for (let j = 0; j < plan.cases; j++) {
    const created = plan.caseAt(j);
    const customer = plan.pickCaller(rng);
    const complaint = rng.chance(0.25);
    const age = NOW_MS - created;
    const open = rng.chance(age < 30 * DAY_MS ? 0.7 : age < 180 * DAY_MS ? 0.25 : 0.05);
    const status = open
      ? complaint
        ? rng.pick(['new', 'open'] as const)
        : rng.pick(TICKET_STATUS_OPEN)
      : rng.chance(0.85)
        ? 'closed'
        : 'resolved';
    const resolved = status === 'resolved' || status === 'closed' ? created + (complaint ? 2 : 1) * DAY_MS : null;
    const closed = status === 'closed' ? created + (complaint ? 3 : 2) * DAY_MS : null;
    const number = complaint ? ++counts.complaints : ++counts.tickets;
    const prefix = complaint ? 'C' : 'T';
    const year = new Date(created).getUTCFullYear();
    const c = {
      number: `${prefix}-${year}-${String(number).padStart(6, '0')}`,
      kind: complaint ? 'complaint' : 'ticket',
      subject: complaint ? complaintSubject(rng) : ticketSubject(rng),
      priority: complaint ? rng.pick(['P1', 'P2', 'P2'] as const) : rng.pick(PRIORITIES),
      category: complaint ? rng.pick(COMPLAINT_CATEGORIES) : rng.pick(TICKET_CATEGORIES),
      assignee: rng.pick(staff.agentIds),
      createdBy: rng.pick(staff.agentIds),
    };
    const complaintCols = complaint
      ? `phone\t${rng.pick(SEVERITIES)}\t${ts(created + DAY_MS)}\t${status === 'new' ? NULL : ts(created + 3600_000)}\t${ts(created + 5 * DAY_MS)}\t${resolved === null ? NULL : 'Apologised and refunded the charge.'}\t${resolved === null ? NULL : bool(true)}`
      : `${NULL}\t${NULL}\t${NULL}\t${NULL}\t${ts(created + 3 * DAY_MS)}\t${NULL}\t${NULL}`;
    b.utf8(`${j + 1}\t${c.number}\t${c.kind}\t${customer}\t${text(c.subject)}\t${status}\t${c.priority}\t${c.category}\t${c.assignee}\t${staff.teamId}\t${complaintCols}\t${ts(resolved)}\t${ts(closed)}\t${c.createdBy}\t${ts(created)}\t${ts(closed ?? resolved ?? created)}\n`);
    const full = b.endRow();
    if (full) yield full;
  }
  const last = b.take();
  if (last) yield last;
}

/** COPYs the four big tables in dependency order and times each. */
export async function copyTables(
  client: pg.Client,
  plan: DatasetPlan,
  staff: Staff,
  lookupCustomers: Set<number>,
  onTable: (name: string, load: TableLoad) => void,
): Promise<LoadResult> {
  const tables: Record<string, TableLoad> = {};
  const targetPhones = new Map<number, string[]>();
  const counts = { tickets: 0, complaints: 0 };
  const steps: [string, readonly string[], (b: ChunkBuilder) => Iterable<Buffer>][] = [
    ['customers', CUSTOMER_COLUMNS, (b) => customerChunks(b, plan, staff)],
    ['customer_phones', PHONE_COLUMNS, (b) => phoneChunks(b, plan, lookupCustomers, targetPhones)],
    ['interactions', [...INTERACTION_COLUMNS, ...INTERACTION_FIXED], (b) => interactionChunks(b, plan, staff)],
    ['tickets', CASE_COLUMNS, (b) => caseChunks(b, plan, staff, counts)],
  ];
  for (const [table, columns, chunks] of steps) {
    const t0 = process.hrtime.bigint();
    const n = await copyInto(client, table, columns, chunks);
    tables[table] = timed(n, t0);
    onTable(table, tables[table]);
  }
  return { tables, targetPhones, tickets: counts.tickets, complaints: counts.complaints };
}

/** Moves every id sequence (and the case number sequences) past the loaded rows. */
export async function setSequences(client: pg.Client, tickets: number, complaints: number): Promise<void> {
  for (const table of ['customers', 'customer_phones', 'interactions', 'tickets']) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT max(id) FROM ${table}), 1), (SELECT max(id) FROM ${table}) IS NOT NULL)`,
      [table],
    );
  }
  for (const [seq, n] of [['ticket_number_seq', tickets], ['complaint_number_seq', complaints]] as const) {
    await client.query(`SELECT setval($1::regclass, $2, $3)`, [seq, Math.max(n, 1), n > 0]);
  }
}
