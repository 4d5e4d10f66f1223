// Every refusal lands in the audit log exactly once: those a service writes itself (with the
// customer or case) and all the others (follow-ups, call dispositions, socket commands...),
// which the HTTP edge and the socket ack write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let agent1: ApiClient;
let agent2: ApiClient;
let agent1Id: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  agent1 = await new ApiClient(app.baseUrl).login('agent1');
  agent2 = await new ApiClient(app.baseUrl).login('agent2');
  agent1Id = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.close();
  await t?.drop();
});

const denials = (action: string) => t.db('audit_log').where({ user_id: agent1Id, action, outcome: 'denied' }).select('detail', 'request_id');

describe('refusals in the audit log', () => {
  it("writes a refused follow-up outcome (someone else's task), with the route and the reason", async () => {
    const emily = (await t.db('customers').where({ name: 'Emily Chan' }).first('id')).id;
    const caseId = (await agent2.post('/api/cases', { kind: 'ticket', customerId: emily, subject: 'Refusal audit' })).body.case.id;
    const task = (await agent2.post('/api/follow-ups', { caseId, dueAt: new Date(Date.now() + 3_600_000).toISOString() })).body;
    const r = await agent1.post(`/api/follow-ups/${task.id}/outcome`, { version: task.version, outcome: 'not_reached' });
    expect(r.status).toBe(403);
    expect((await denials('http.refused')).map((d) => d.detail)).toContainEqual(
      expect.objectContaining({ method: 'POST', route: '/api/follow-ups/:id/outcome', role: 'agent', reason: 'followUp.assignedToOther' }),
    );
  });

  it("writes a refused call's dispositions (another agent's call)", async () => {
    const agent2Id = (await t.db('users').where({ username: 'agent2' }).first('id')).id;
    const [{ id }] = await t.db('interactions').insert({ kind: 'call', direction: 'inbound', agent_id: agent2Id, started_at: new Date() }).returning('id');
    expect((await agent1.get(`/api/interactions/${id}/dispositions`)).status).toBe(403);
    expect((await denials('http.refused')).map((d) => d.detail)).toContainEqual(expect.objectContaining({ route: '/api/interactions/:id/dispositions' }));
  });

  it('writes a refusal a service audits itself once, not twice', async () => {
    const emily = (await t.db('customers').where({ name: 'Emily Chan' }).first('id')).id;
    const before = (await t.db('audit_log').where({ outcome: 'denied' }).count<{ count: string }[]>('* as count'))[0]!.count;
    expect((await agent1.get(`/api/customers/${emily}`)).status).toBe(403);
    const after = (await t.db('audit_log').where({ outcome: 'denied' }).count<{ count: string }[]>('* as count'))[0]!.count;
    expect(Number(after) - Number(before)).toBe(1);
  });

  it('writes a refused socket command (choosing a customer with no call on the desk)', async () => {
    const socket = ioClient(app.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: agent1.cookie! }, reconnection: false });
    sockets.push(socket);
    await new Promise((r) => socket.once('session:ready', r));
    const ack = await socket.emitWithAck('call:choose-customer', { interactionId: 999_999, customerId: 1 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await denials('socket.refused')).map((d) => d.detail)).toContainEqual({ role: 'agent', reason: 'call.notYourCurrent' });
  });
});
