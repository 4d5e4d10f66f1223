// The wallboard and the call reports give the same numbers: a day of calls and state changes is
// replayed into the live floor and, through the real call-log writer, into PostgreSQL; the day's
// report must then equal the wallboard's end-of-day figures, metric by metric. Also: the report's
// intervals, who may read it, and the audited CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createServices } from '../../server/src/compose.js';
import { CallFacts } from '../../server/src/acd/call-facts.js';
import { CallLogRepository } from '../../server/src/cti/data/call-log.repository.js';
import { CallLogWriter } from '../../server/src/cti/data/call-log-writer.js';
import { FloorState } from '../../server/src/supervision/floor-state.js';
import { FloorRepository } from '../../server/src/supervision/data/floor.repository.js';
import { CallReportService } from '../../server/src/supervision/call-report.service.js';
import { agentFigures } from '../../server/src/supervision/rules/agent-metrics.js';
import { randomDay } from '../../server/src/supervision/testing/random-day.js';
import type { RequestContext } from '../../server/src/identity/request-context.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
// A Monday long before the demo's calls, midnight to midnight in Shanghai.
const DAY_START = Date.parse('2024-06-02T16:00:00Z');
const DAY_END = DAY_START + 86_400_000;
let floor: FloorState;
let reports: CallReportService;
let admin: RequestContext;
let queueIds: number[];
let agentIds: number[];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  const services = createServices(t.db, { sessionTtlMs: 3_600_000, defaultRegion: 'CN', timeZone: 'Asia/Shanghai' });
  const repo = new FloorRepository(t.db);
  const queues = await repo.queues();
  const agents = (await repo.agents()).filter((a) => a.queueIds.length > 0);
  queueIds = queues.map((q) => q.id);
  agentIds = agents.map((a) => a.id);
  floor = new FloorState(DAY_START, DAY_END, (n) => n);
  floor.define(queues, agents, DAY_START);

  // The same facts go to the call log (as the server writes it) and to the live floor.
  const callLog = new CallLogRepository(t.db);
  const facts = new CallFacts((err) => {
    throw err;
  });
  const writer = new CallLogWriter(callLog, (err) => {
    throw err;
  });
  facts.subscribe(writer.write);
  facts.subscribe((f) => floor.apply(f));
  const ids = await callLog.reserveIds(400);
  for (const f of randomDay({ seed: 20240603, dayStart: DAY_START, queueIds, agentIds, interactionIds: () => ids.shift()!, calls: 300 })) facts.emit(f);
  await writer.flush();

  reports = new CallReportService({ repo, audit: services.audit, timeZone: async () => 'Asia/Shanghai', now: () => Date.now() });
  const adminRow = await t.db('users').where({ username: 'admin1' }).first('id');
  admin = { viewer: { id: adminRow.id, role: 'admin', teamId: null }, ip: null, requestId: null };
});
afterAll(() => t.drop());

const dayQuery = { from: new Date(DAY_START).toISOString(), to: new Date(DAY_END).toISOString(), interval: 'day' as const, fcrDays: 7 };

describe('the call report of a day', () => {
  it("equals the wallboard's end-of-day figures for every queue, metric by metric", async () => {
    const report = await reports.report(admin, dayQuery);
    const live = floor.queueRows(null);
    expect(report.queues.length).toBeGreaterThan(0);
    for (const q of live) {
      const row = report.queues.find((r) => r.queueId === q.queueId);
      if (q.today.offered === 0) {
        expect(row).toBeUndefined();
        continue;
      }
      expect(row?.intervalStart).toBe(new Date(DAY_START).toISOString());
      expect(row!.figures).toEqual(q.today);
    }
    // Nothing is left waiting at the end of the day.
    expect(live.every((q) => q.waiting === 0)).toBe(true);
  });

  it("equals the wallboard's end-of-day figures for every agent: calls, AHT, occupancy, time in each state", async () => {
    const report = await reports.report(admin, dayQuery);
    for (const id of agentIds) {
      const fromFloor = agentFigures(floor.agentTally(id, DAY_END)!, floor.windowAt(DAY_END));
      const row = report.agents.find((r) => r.userId === id)!;
      expect({ callsHandled: row.callsHandled, ahtSeconds: row.ahtSeconds, occupancy: row.occupancy, stateSeconds: row.stateSeconds }).toEqual(fromFloor);
    }
  });

  it('adds up its hourly intervals to the day', async () => {
    const day = await reports.report(admin, dayQuery);
    const hours = await reports.report(admin, { ...dayQuery, interval: 'hour' });
    for (const d of day.queues) {
      const inHours = hours.queues.filter((h) => h.queueId === d.queueId);
      expect(inHours.reduce((n, h) => n + h.figures.offered, 0)).toBe(d.figures.offered);
      expect(inHours.reduce((n, h) => n + h.figures.answered, 0)).toBe(d.figures.answered);
    }
    const quarter = await reports.report(admin, { ...dayQuery, interval: '15min' });
    expect(new Set(quarter.queues.map((q) => new Date(q.intervalStart).getUTCMinutes() % 15))).toEqual(new Set([0]));
  });

  it('puts the Erlang C staffing need beside the agents staffed', async () => {
    const hours = await reports.report(admin, { ...dayQuery, interval: 'hour' });
    const busy = hours.queues.filter((q) => q.figures.offered > 0 && q.figures.ahtSeconds !== null);
    expect(busy.length).toBeGreaterThan(0);
    for (const q of busy) {
      expect(q.agentsNeeded).toBeGreaterThanOrEqual(1);
      expect(q.staffedAgents).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the call report over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(t.db);
  });
  afterAll(() => app.close());

  it('is refused to agents', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const r = await agent.get(`/api/reports/calls?from=${encodeURIComponent(dayQuery.from)}&to=${encodeURIComponent(dayQuery.to)}`);
    expect(r.status).toBe(403);
  });

  it('refuses a period with too many intervals', async () => {
    const sup = await new ApiClient(app.baseUrl).login('supervisor1');
    const r = await sup.get(`/api/reports/calls?from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z&interval=15min`);
    expect(r.status).toBe(400);
  });

  it("gives a supervisor their team's queues and writes every CSV download to the audit log", async () => {
    const sup = await new ApiClient(app.baseUrl).login('supervisor1');
    const q = `from=${encodeURIComponent(dayQuery.from)}&to=${encodeURIComponent(dayQuery.to)}&interval=hour`;
    const json = await sup.get(`/api/reports/calls?${q}`);
    expect(json.status).toBe(200);
    const team = (await t.db('users').where({ username: 'supervisor1' }).first('team_id')).team_id;
    const teamQueues = new Set((await t.db('queues').where({ team_id: team }).pluck('id')) as number[]);
    expect(json.body.queues.every((r: { queueId: number }) => teamQueues.has(r.queueId))).toBe(true);

    const csv = await sup.request('GET', `/api/reports/calls.csv?${q}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(csv.body)).toContain('section,interval_start,queue');
    const audited = await t.db('audit_log').where({ action: 'report.export', entity: 'call_report' }).orderBy('id', 'desc').first();
    expect(audited).toMatchObject({ outcome: 'allowed', row_count: Number(csv.headers.get('x-report-rows')) });
    expect(audited.detail).toMatchObject({ interval: 'hour', from: dayQuery.from });
  });
});
