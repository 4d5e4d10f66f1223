// The supervisor's escalations through the real API, database and Socket.IO server: who may
// acknowledge one (and the audit of who may not), the live push of an acknowledgement to every
// tab concerned, and paging through the list without repeats or gaps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EscalationAcknowledged, EscalationView, ServerToClientEvents } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let t: TestDb;
let app: TestApp;
let supervisor: ApiClient, supervisorOtherTab: ApiClient, admin: ApiClient, agent: ApiClient;
const user = {} as Record<string, { id: number; name: string }>;
let ticketId: number;
const sockets: Client[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  app = await startTestApp(t.db);
  for (const u of await t.db('users').select('id', 'username', 'display_name')) user[u.username] = { id: u.id, name: u.display_name };
  ticketId = Number((await t.db('tickets').orderBy('id').first('id')).id);
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  // Two sign-ins of the same supervisor: two browsers (or tabs) with sessions of their own.
  [supervisor, supervisorOtherTab, admin, agent] = await Promise.all([login('supervisor1'), login('supervisor1'), login('admin1'), login('agent1')]);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.close();
  await t?.drop();
});
beforeEach(async () => {
  await t.db('escalations').del();
});

let dueCounter = 0;
/** An escalation as the SLA sweep writes it (the sweep itself is tested in cases.test.ts). */
async function raise(toUserId: number | null, over: { firedAt?: Date; acknowledgedAt?: Date } = {}): Promise<number> {
  const [row] = await t.db('escalations')
    .insert({
      ticket_id: ticketId,
      clock: 'acknowledge',
      level: 'at_risk',
      // The (case, clock, level, due time) key is unique: each escalation gets a due time of its own.
      due_at: new Date(Date.UTC(2026, 0, 1) + ++dueCounter * 60_000),
      to_user_id: toUserId,
      fired_at: over.firedAt ?? new Date(),
      acknowledged_at: over.acknowledgedAt ?? null,
      acknowledged_by: over.acknowledgedAt ? toUserId : null,
    })
    .returning('id');
  return Number(row.id);
}

function connect(client: ApiClient): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket: Client = ioClient(app.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: client.cookie! }, reconnection: false });
    sockets.push(socket);
    socket.on('session:ready', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

/** What a socket has heard of acknowledgements so far. */
function heard(socket: Client): EscalationAcknowledged[] {
  const got: EscalationAcknowledged[] = [];
  socket.on('escalation:acknowledged', (e) => got.push(e));
  return got;
}

/**
 * A round trip on the socket. The server pushes an acknowledgement before it answers the HTTP
 * request, on the same connection as this ping, so once the ping is answered anything pushed
 * to this socket has arrived.
 */
function settle(socket: Client): Promise<void> {
  return new Promise((resolve) => socket.emit('session:ping', {}, () => resolve()));
}

describe('acknowledging an escalation', () => {
  it('refuses one addressed to someone else with a 403 that says why, audits it and changes nothing', async () => {
    const adminsOwn = await raise(user.admin1!.id);
    const r = await supervisor.post(`/api/escalations/${adminsOwn}/acknowledge`, {});
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(r.body.error.message).toMatch(/sent to someone else/);

    const audit = await t.db('audit_log').where({ user_id: user.supervisor1!.id, action: 'escalation.acknowledge', entity_id: String(adminsOwn) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'escalation', outcome: 'denied' });
    const row = await t.db('escalations').where({ id: adminsOwn }).first();
    expect(row.acknowledged_at).toBeNull();
    expect(row.acknowledged_by).toBeNull();
    // The admin still has it to acknowledge.
    expect((await admin.get('/api/escalations')).body.unread).toBe(1);
  });

  it('answers 404 for an escalation that does not exist, and 403 to agents', async () => {
    expect((await supervisor.post('/api/escalations/987654321/acknowledge', {})).status).toBe(404);
    const mine = await raise(user.supervisor1!.id);
    expect((await agent.post(`/api/escalations/${mine}/acknowledge`, {})).status).toBe(403);
    expect(await t.db('audit_log').where({ user_id: user.agent1!.id, action: 'escalation.acknowledge', outcome: 'denied' })).toHaveLength(1);
  });

  it('lets an admin acknowledge a supervisor’s escalation, which leaves the supervisor’s unread count', async () => {
    const id = await raise(user.supervisor1!.id);
    const before = (await supervisor.get('/api/escalations')).body;
    expect(before.unread).toBe(1);

    const r = await admin.post(`/api/escalations/${id}/acknowledge`, {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, acknowledgedAt: expect.any(String) });

    const row = await t.db('escalations').where({ id }).first();
    expect(row.acknowledged_by).toBe(user.admin1!.id);
    const after = (await supervisor.get('/api/escalations')).body;
    expect(after.unread).toBe(0);
    const shown = after.items.find((e: EscalationView) => e.id === id);
    expect(shown.acknowledgedAt).toBe(r.body.acknowledgedAt);
    // The supervisor sees who answered for them.
    const adminName = (await t.db('users').where({ id: user.admin1!.id }).first('display_name')).display_name;
    expect(shown.acknowledgedBy).toBe(adminName);
  });

  it('keeps the first acknowledgement when the recipient acknowledges again', async () => {
    const id = await raise(user.supervisor1!.id);
    const first = await supervisor.post(`/api/escalations/${id}/acknowledge`, {});
    const second = await supervisor.post(`/api/escalations/${id}/acknowledge`, {});
    expect(second.status).toBe(200);
    expect(second.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
  });
});

describe('the escalation:acknowledged push', () => {
  it('reaches every tab of the recipient, and the admin who acknowledged it, and nobody else', async () => {
    const [tabA, tabB, adminTab, agentTab] = await Promise.all([connect(supervisor), connect(supervisorOtherTab), connect(admin), connect(agent)]);
    const [heardA, heardB, heardAdmin, heardAgent] = [heard(tabA), heard(tabB), heard(adminTab), heard(agentTab)] as const;
    const all = () => Promise.all([tabA, tabB, adminTab, agentTab].map(settle));
    const first = await raise(user.supervisor1!.id);
    const second = await raise(user.supervisor1!.id);

    // The supervisor acknowledges in one tab: the other tab hears it, with who and when.
    const r = await supervisor.post(`/api/escalations/${first}/acknowledge`, {});
    expect(r.status).toBe(200);
    await all();
    const expected = { id: first, recipientId: user.supervisor1!.id, acknowledgedAt: r.body.acknowledgedAt, acknowledgedBy: user.supervisor1 };
    expect(heardB).toEqual([expected]);
    expect(heardA).toEqual([expected]);
    expect(heardAdmin).toEqual([]);
    expect(heardAgent).toEqual([]);

    // Saying it again changes nothing, so nobody is told anything.
    await supervisorOtherTab.post(`/api/escalations/${first}/acknowledge`, {});
    await all();
    expect(heardB).toHaveLength(1);

    // An admin acknowledges the other one: both supervisor tabs and the admin's hear it.
    const byAdmin = await admin.post(`/api/escalations/${second}/acknowledge`, {});
    await all();
    const fromAdmin = { id: second, recipientId: user.supervisor1!.id, acknowledgedAt: byAdmin.body.acknowledgedAt, acknowledgedBy: user.admin1 };
    expect(heardA.at(-1)).toEqual(fromAdmin);
    expect(heardB.at(-1)).toEqual(fromAdmin);
    expect(heardAdmin).toEqual([fromAdmin]);
    expect(heardAgent).toEqual([]);
  });
});

describe('the escalations list', () => {
  /** Unacknowledged first, then newest first, then by id: the order the list promises. */
  async function expectedOrder(userId: number): Promise<number[]> {
    const rows = await t.db('escalations').where({ to_user_id: userId }).select('id', 'fired_at', 'acknowledged_at');
    return rows
      .sort((a, b) => Number(a.acknowledged_at !== null) - Number(b.acknowledged_at !== null) || b.fired_at.getTime() - a.fired_at.getTime() || Number(b.id) - Number(a.id))
      .map((r) => Number(r.id));
  }

  async function sevenEscalations(): Promise<void> {
    const me = user.supervisor1!.id;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const sameMoment = at(30);
    await raise(me, { firedAt: at(50) });
    const older = await raise(me, { firedAt: sameMoment }); // two fired in the same millisecond: the id decides
    await raise(me, { firedAt: sameMoment });
    await raise(me, { firedAt: at(5) });
    await raise(me, { firedAt: at(1), acknowledgedAt: at(0) }); // newest, but read: after the unread ones
    await raise(me, { firedAt: sameMoment, acknowledgedAt: at(0) });
    await raise(me, { firedAt: at(90), acknowledgedAt: at(0) });
    await raise(user.admin1!.id); // someone else's: never in this list
    // A time written by PostgreSQL's own clock carries microseconds, which a cursor cannot: the
    // lower id of the pair stays in the same millisecond, just after it.
    await t.db.raw("UPDATE escalations SET fired_at = fired_at + interval '123 microseconds' WHERE id = ?", [older]);
  }

  it('pages with a cursor: two pages, unread first, every escalation once, none missing', async () => {
    await sevenEscalations();
    const expected = await expectedOrder(user.supervisor1!.id);
    expect(expected).toHaveLength(7);

    const first = await supervisor.get('/api/escalations?limit=4');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.unread).toBe(4);
    expect(first.body.items.every((e: EscalationView) => e.acknowledgedAt === null)).toBe(true);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await supervisor.get(`/api/escalations?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();

    const ids = [...first.body.items, ...second.body.items].map((e: EscalationView) => e.id);
    expect(ids).toEqual(expected);

    // Pages of two put a page break between the two fired in the same millisecond.
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: EscalationView[]; nextCursor: string | null } } = await supervisor.get(`/api/escalations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(expected);
  });

  it('skips nothing when an escalation is acknowledged between two pages', async () => {
    await sevenEscalations();
    const everything = await expectedOrder(user.supervisor1!.id);
    const first = await supervisor.get('/api/escalations?limit=3');
    // Another tab acknowledges one from the first page and one not loaded yet.
    await supervisorOtherTab.post(`/api/escalations/${first.body.items[0].id}/acknowledge`, {});
    await supervisorOtherTab.post(`/api/escalations/${everything[3]}/acknowledge`, {});

    const seen: number[] = first.body.items.map((e: EscalationView) => e.id);
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await supervisor.get(`/api/escalations?limit=3&cursor=${cursor}`);
      seen.push(...page.body.items.map((e: EscalationView) => e.id));
      cursor = page.body.nextCursor;
    }
    expect(new Set(seen)).toEqual(new Set(everything));
  });

  it('refuses a cursor it did not give out and a limit out of range, naming the field', async () => {
    const bad = await supervisor.get('/api/escalations?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toMatch(/cursor/);
    const tooMany = await supervisor.get('/api/escalations?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].field).toBe('query.limit');
    expect((await supervisor.get('/api/escalations?unknown=1')).status).toBe(400);
  });
});
