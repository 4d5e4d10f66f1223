// The SLA sweep in batches: a catch-up after an outage that spans many batches fires, records
// and tells every escalation exactly once, as a single batch would; and two servers catching up
// at the same moment, each in small batches, still fire and tell each escalation once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createServices, type Services } from '../../server/src/compose.js';
import { refreshAllCaseSla } from '../../server/src/cases/data/case-sla.sql.js';
import { SlaScheduler } from '../../server/src/cases/sla-scheduler.js';
import { logger } from '../../server/src/platform/logger.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const clock = new FakeClock();
let t: TestDb;
let services: Services;
let running = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 20);
  // More running cases than a few batches hold: copies of the demo's running cases under new numbers.
  const columns = ((await t.db.raw(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'tickets' AND column_name NOT IN ('id', 'number') AND is_generated = 'NEVER'`,
  )) as { rows: { column_name: string }[] }).rows.map((r) => `"${r.column_name}"`);
  await t.db.raw(
    `INSERT INTO tickets (number, ${columns.join(', ')})
     SELECT number || '-' || g, ${columns.join(', ')} FROM tickets, generate_series(1, 8) AS g
     WHERE status IN ('new', 'open', 'pending_customer')`,
  );
  await refreshAllCaseSla(t.db);
  running = Number((await t.db('case_sla').count('* as n').first())?.n);
  services = createServices(t.db, { sessionTtlMs: 3_600_000, defaultRegion: 'CN' });
  // The server was down for a month: every running clock is long past due, nothing swept since.
  clock.advance(30 * 86_400_000);
});
afterAll(async () => {
  await t?.drop();
});

/** A server's sweep, `batch` cases at a time, with the escalations it told people of. */
function server(batch?: number) {
  const told: { userId: number; view: EscalationView }[] = [];
  const notifier = { escalationRaised: (userId: number, view: EscalationView) => told.push({ userId, view }) };
  const scheduler = new SlaScheduler({ db: t.db, sla: services.sla, clock, log: logger.child({ test: true }), notifier }, 0, batch);
  return { scheduler, told };
}

/** As before any sweep: no level passed, nothing fired or recorded. */
async function forgetSweeps(): Promise<void> {
  await t.db('escalations').del();
  await t.db('case_events').whereNull('actor_id').whereIn('type', ['at_risk', 'breached', 'escalated']).del();
  await t.db('case_sla').update({ state: '{}', status: 'on_track' });
}

async function fired() {
  const escalations = (await t.db('escalations').orderBy(['ticket_id', 'clock', 'level']).select('id', 'ticket_id', 'clock', 'level', 'due_at', 'to_user_id')) as {
    id: string; ticket_id: string; clock: string; level: string; due_at: Date; to_user_id: number | null;
  }[];
  const events = (await t.db('case_events').whereNull('actor_id').whereIn('type', ['at_risk', 'breached', 'escalated']).select('ticket_id', 'type', 'detail')) as {
    ticket_id: string; type: string; detail: { clock: string; level: string; dueAt: string; toUserId: number | null };
  }[];
  return {
    escalations,
    // What each escalation is, without the row ids a second run numbers differently.
    what: escalations.map((e) => `${e.ticket_id} ${e.clock} ${e.level} ${e.due_at.toISOString()} ${e.to_user_id}`),
    events: events
      .map((e) => `${e.ticket_id} ${e.detail.clock} ${e.detail.level} ${e.detail.dueAt} ${e.detail.toUserId} ${e.type}`)
      .sort(),
  };
}

const toldIds = (told: { view: EscalationView }[]) => told.map((r) => r.view.id).sort((a, b) => a - b);
const withRecipient = (rows: { id: string; to_user_id: number | null }[]) =>
  rows.filter((e) => e.to_user_id !== null).map((e) => Number(e.id)).sort((a, b) => a - b);

describe('SLA catch-up in batches', () => {
  let reference: Awaited<ReturnType<typeof fired>>;

  beforeAll(async () => {
    const one = server();
    const r = await one.scheduler.sweep();
    expect(r.checked).toBe(running);
    reference = await fired();
  });

  it('fires, records and tells every escalation once over many batches, as one batch does', async () => {
    expect(running).toBeGreaterThan(30);
    expect(reference.escalations.length).toBeGreaterThan(running); // complaints fire two levels
    await forgetSweeps();

    const small = server(4);
    const r = await small.scheduler.sweep();
    expect(r).toEqual({ checked: running, fired: reference.escalations.length });
    const now = await fired();
    expect(now.what).toEqual(reference.what);
    // One case event per escalation, saying what it fired ("escalated" for one level up).
    expect(now.events).toEqual(
      now.escalations.map((e) => `${e.ticket_id} ${e.clock} ${e.level} ${e.due_at.toISOString()} ${e.to_user_id} ${e.level === 'breached_level2' ? 'escalated' : e.level}`).sort(),
    );
    expect(toldIds(small.told)).toEqual(withRecipient(now.escalations));
    expect(small.told.length).toBeGreaterThan(0);
    const view = small.told[0]!.view;
    const row = now.escalations.find((e) => Number(e.id) === view.id)!;
    expect(view).toMatchObject({ caseId: Number(row.ticket_id), clock: row.clock, level: row.level, dueAt: row.due_at.toISOString() });
    expect(view.caseNumber).toMatch(/\S/);

    // Caught up: the next pass reads no case and fires nothing.
    expect(await small.scheduler.sweep()).toEqual({ checked: 0, fired: 0 });
  });

  it('fires and tells each escalation once when two servers catch up at the same moment', async () => {
    await forgetSweeps();
    const a = server(3);
    const b = server(5);
    const [ra, rb] = await Promise.all([a.scheduler.sweep(), b.scheduler.sweep()]);
    const now = await fired();
    expect(now.what).toEqual(reference.what);
    expect(ra.fired + rb.fired).toBe(reference.escalations.length);
    expect(now.events).toHaveLength(reference.escalations.length);
    const both = toldIds([...a.told, ...b.told]);
    expect(both).toEqual(withRecipient(now.escalations));
    expect(await a.scheduler.sweep()).toEqual({ checked: 0, fired: 0 });
  });
});
