// Tying a call to a case writes the case's customer onto a call that had none, and that widens
// who may see the customer. Probing found two doors that skipped the checks: a follow-up's
// outcome linked any call to any case, and a supervisor could link another team's unidentified
// call. Every path now goes through one rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let agent1: ApiClient;
let supervisor: ApiClient;
let agent1Id: number;
let salesAgentId: number;
let customerA: number;
let customerB: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  agent1 = await new ApiClient(app.baseUrl).login('agent1');
  supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
  agent1Id = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
  const sales = (await t.db('teams').where({ name: 'Sales' }).first('id')).id;
  // An agent of the other team, who only ever appears on calls here.
  [{ id: salesAgentId }] = await t.db('users')
    .insert({ username: 'sales-agent-links', display_name: 'Sales Agent', password_hash: '$argon2id$unused', role: 'agent', team_id: sales })
    .returning('id');
  const customer = async (name: string, number: string) =>
    (await admin.post('/api/customers', { name, phones: [{ number }], ownerId: agent1Id })).body.customer.id as number;
  customerA = await customer('Link Test A', '+852 9200 0001');
  customerB = await customer('Link Test B', '+852 9200 0002');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** A finished call in the log (test data: the switch is not what is under test here). */
async function call(agentId: number, customerId: number | null): Promise<number> {
  const [{ id }] = await t.db('interactions')
    .insert({ kind: 'call', direction: 'inbound', caller_number: '+85292009999', customer_id: customerId, agent_id: agentId, started_at: new Date(), ended_at: new Date() })
    .returning('id');
  return id;
}

async function caseOf(customerId: number, by: ApiClient = agent1): Promise<number> {
  const r = await by.post('/api/cases', { kind: 'ticket', customerId, subject: 'Link test' });
  expect(r.status).toBe(201);
  return r.body.case.id;
}

const linksOf = async (interactionId: number) => (await t.db('interaction_links').where({ interaction_id: interactionId }).select('ticket_id')).map((l) => l.ticket_id);

describe('linking calls to cases', () => {
  it("refuses a follow-up outcome that names a call with another customer, and links nothing", async () => {
    const caseB = await caseOf(customerB);
    const task = (await agent1.post('/api/follow-ups', { caseId: caseB, dueAt: new Date(Date.now() + 3_600_000).toISOString() })).body;
    const callWithA = await call(agent1Id, customerA);
    const r = await agent1.post(`/api/follow-ups/${task.id}/outcome`, { version: task.version, outcome: 'reached_confirmed', interactionId: callWithA });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ field: 'interactionId', message: 'That call is with another customer' }]);
    expect(await linksOf(callWithA)).toEqual([]);
  });

  it("refuses a follow-up outcome that names another agent's call", async () => {
    const caseA = await caseOf(customerA);
    const task = (await agent1.post('/api/follow-ups', { caseId: caseA, dueAt: new Date(Date.now() + 3_600_000).toISOString() })).body;
    const someoneElses = await call(salesAgentId, customerA);
    const r = await agent1.post(`/api/follow-ups/${task.id}/outcome`, { version: task.version, outcome: 'reached_confirmed', interactionId: someoneElses });
    expect(r.status).toBe(400);
    expect(await linksOf(someoneElses)).toEqual([]);
  });

  it("refuses a supervisor linking another team's unidentified call, which stays unidentified", async () => {
    const caseA = await caseOf(customerA);
    const otherTeams = await call(salesAgentId, null);
    const r = await supervisor.post(`/api/cases/${caseA}/links`, { interactionId: otherTeams });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ field: 'interactionId', message: "You can only link your team's calls" }]);
    expect(await t.db('interactions').where({ id: otherTeams }).first('customer_id')).toEqual({ customer_id: null });
  });

  it("lets a supervisor link their own team's unidentified call, which then is with the case's customer", async () => {
    const caseA = await caseOf(customerA);
    const ownTeams = await call(agent1Id, null);
    expect((await supervisor.post(`/api/cases/${caseA}/links`, { interactionId: ownTeams })).status).toBe(201);
    expect(await linksOf(ownTeams)).toEqual([caseA]);
    expect(await t.db('interactions').where({ id: ownTeams }).first('customer_id')).toEqual({ customer_id: customerA });
  });

  it('links the right call through a follow-up outcome', async () => {
    const caseA = await caseOf(customerA);
    const task = (await agent1.post('/api/follow-ups', { caseId: caseA, dueAt: new Date(Date.now() + 3_600_000).toISOString() })).body;
    const mine = await call(agent1Id, customerA);
    const r = await agent1.post(`/api/follow-ups/${task.id}/outcome`, { version: task.version, outcome: 'reached_confirmed', interactionId: mine });
    expect(r.status).toBe(200);
    expect(await linksOf(mine)).toEqual([caseA]);
  });
});
