// Random and malformed input at every route, signed in and not: never a 5xx, never a crash.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let clients: ApiClient[];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  app = await startTestApp(t.db, { lockAfter: 1000, lockMs: 1000, delayStepMs: 0, maxDelayMs: 0 });
  clients = [
    new ApiClient(app.baseUrl),
    await new ApiClient(app.baseUrl).login('agent1'),
    await new ApiClient(app.baseUrl).login('marketer1'),
    await new ApiClient(app.baseUrl).login('admin1'),
  ];
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const ROUTES: [method: string, path: string][] = [
  ['POST', '/api/auth/login'],
  ['PATCH', '/api/auth/me'],
  ['GET', '/api/auth/me'],
  ['GET', '/api/health'],
  ['GET', '/api/openapi.json'],
  ['POST', '/api/auth/password'],
  ['GET', '/api/admin/users'],
  ['POST', '/api/admin/users'],
  ['GET', '/api/admin/users/1'],
  ['PATCH', '/api/admin/users/1'],
  ['POST', '/api/admin/users/1/password-reset'],
  ['GET', '/api/admin/teams'],
  ['POST', '/api/admin/teams'],
  ['PATCH', '/api/admin/teams/1'],
  ['GET', '/api/admin/queues'],
  ['POST', '/api/admin/queues'],
  ['GET', '/api/admin/queues/1'],
  ['PATCH', '/api/admin/queues/1'],
  ['GET', '/api/admin/phone-numbers'],
  ['POST', '/api/admin/phone-numbers'],
  ['PATCH', '/api/admin/phone-numbers/1'],
  ['DELETE', '/api/admin/phone-numbers/1'],
  ['GET', '/api/admin/skills'],
  ['POST', '/api/admin/skills'],
  ['PATCH', '/api/admin/skills/1'],
  ['DELETE', '/api/admin/skills/1'],
  ['GET', '/api/admin/agents/3/routing'],
  ['PUT', '/api/admin/agents/3/routing'],
  ['GET', '/api/admin/setup-checklist'],
  ['GET', '/api/admin/not-ready-reasons'],
  ['POST', '/api/admin/not-ready-reasons'],
  ['PATCH', '/api/admin/not-ready-reasons/1'],
  ['GET', '/api/admin/dispositions'],
  ['POST', '/api/admin/dispositions'],
  ['PATCH', '/api/admin/dispositions/1'],
  ['GET', '/api/not-ready-reasons'],
  ['GET', '/api/customers'],
  ['POST', '/api/customers'],
  ['GET', '/api/customers/1'],
  ['PATCH', '/api/customers/1'],
  ['GET', '/api/customers/1/interactions'],
  ['GET', '/api/interactions/today'],
  ['GET', '/api/softphone/credentials'],
  ['POST', '/api/webphone/credentials'],
  ['GET', '/api/cases'],
  ['POST', '/api/cases'],
  ['GET', '/api/cases/1'],
  ['PATCH', '/api/cases/1'],
  ['POST', '/api/cases/1/transitions'],
  ['POST', '/api/cases/1/notes'],
  ['POST', '/api/cases/1/contact-attempts'],
  ['POST', '/api/cases/1/links'],
  ['DELETE', '/api/cases/1/links/1'],
  ['GET', '/api/cases/1/follow-ups'],
  ['GET', '/api/my-work'],
  ['POST', '/api/follow-ups'],
  ['POST', '/api/follow-ups/1/start'],
  ['POST', '/api/follow-ups/1/outcome'],
  ['GET', '/api/escalations'],
  ['POST', '/api/escalations/1/acknowledge'],
  ['GET', '/api/reports/cases'],
  ['GET', '/api/reports/calls'],
  ['GET', '/api/reports/calls.csv'],
  ['GET', '/api/settings/sla_policy'],
  ['GET', '/api/settings/center-zone'],
  ['PUT', '/api/settings/business_calendar'],
  ['GET', '/api/directory'],
  ['GET', '/api/interactions/1/dispositions'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/audit/export'],
  ['GET', '/api/customers/1/consents'],
  ['POST', '/api/customers/1/consents'],
  ['POST', '/api/customers/1/phones/reveal'],
  ['GET', '/api/customers/1/export'],
  ['POST', '/api/customers/1/erasure'],
  ['POST', '/api/customers/2/erasure'],
  ['GET', '/api/privacy/phone-masking'],
  ['PUT', '/api/privacy/phone-masking'],
  ['GET', '/api/privacy/retention'],
  ['PUT', '/api/privacy/retention'],
  ['POST', '/api/customers/1/phones/0/dial'],
  ['POST', '/api/customers/1/phones/9/dial'],
  ['GET', '/api/admin/audit/retention'],
  ['POST', '/api/admin/audit/purge'],
  ['GET', '/api/floor/agents'],
  ['POST', '/api/floor/agents/1/not-ready'],
  ['POST', '/api/floor/agents/1/log-out'],
  ['POST', '/api/floor/agents/1/messages'],
  ['GET', '/api/floor/waiting-calls'],
  ['POST', '/api/floor/waiting-calls/x/pull'],
  ['GET', '/api/campaigns'],
  ['GET', '/api/campaigns/agents'],
  ['POST', '/api/campaigns'],
  ['GET', '/api/campaigns/1'],
  ['PATCH', '/api/campaigns/1'],
  ['POST', '/api/campaigns/1/start'],
  ['POST', '/api/campaigns/1/pause'],
  ['POST', '/api/campaigns/1/stop'],
  ['POST', '/api/campaigns/1/leads/import'],
  ['GET', '/api/campaigns/1/imports'],
  ['GET', '/api/campaigns/1/imports/1'],
  ['GET', '/api/campaigns/1/imports/1/rejections'],
  ['GET', '/api/campaigns/1/dry-run'],
  ['GET', '/api/campaigns/1/dry-run/export'],
  ['POST', '/api/campaigns/1/next-lead'],
  ['POST', '/api/campaigns/1/leads/1/skip'],
  ['POST', '/api/campaigns/1/leads/1/outcome'],
  ['GET', '/api/dnc'],
  ['POST', '/api/dnc'],
  ['POST', '/api/purchases/import'],
  ['GET', '/api/purchases/imports/1'],
  ['GET', '/api/purchases/imports/1/rejections'],
  ['GET', '/api/rfm'],
  ['POST', '/api/rfm/recompute'],
  ['POST', '/api/segments/count'],
  ['POST', '/api/segments/sample'],
  ['POST', '/api/campaigns/1/leads/from-segment'],
];

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', '%00', '\ud800', '张伟'.repeat(300), '1'.repeat(5000), "' OR 1=1 --", '%', '_', '\\', '../../etc/passwd', 'tel:', '+86'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, 2 ** 53, -1, 0, 1e308, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
);

const FIELDS = [
  'number', 'username', 'password', 'locale', 'name', 'phones', 'email', 'company', 'region', 'address', 'tags', 'valueTier', 'ownerId', 'label',
  'kind', 'customerId', 'subject', 'description', 'priority', 'category', 'severity', 'assigneeId', 'interactionId', 'version', 'action',
  'resolution', 'rootCause', 'text', 'note', 'caseId', 'dueAt', 'outcome', 'value', 'purpose', 'mode', 'rules', 'campaignId', 'agentIds', '__proto__', 'constructor',
  'purpose', 'decision', 'channel', 'maskedRoles',
  'code', 'labelZh', 'sort', 'active', 'queueId', 'revealsCase',
  'filter',
];

// Bodies that look almost right (known keys, wrong values) reach deeper than random JSON.
const nearlyRight = fc.dictionary(
  fc.constantFrom(...FIELDS),
  fc.oneof(nasty, fc.array(fc.oneof(nasty, fc.dictionary(fc.constantFrom('number', 'label', 'x'), nasty)), { maxLength: 12 })),
);
// Valid bodies with one field swapped for something hostile reach the database layer.
const VALID: Record<string, unknown> = {
  username: 'agent1',
  password: 'kefu-demo',
  locale: 'en',
  name: '测试 Test',
  phones: [{ number: '138 0013 8000', label: 'mobile' }],
  email: 'a@example.com',
  company: 'Acme',
  region: '上海',
  address: '1 Road',
  tags: ['x'],
  valueTier: 'gold',
  kind: 'complaint',
  customerId: 1,
  subject: '投诉 subject',
  category: 'service',
  severity: 'high',
  version: 1,
  action: 'resolve',
  resolution: 'fixed',
  rootCause: 'process',
  text: 'a note',
  note: 'a note',
  caseId: 1,
  dueAt: '2026-11-27T09:00:00+08:00',
  outcome: 'not_reached',
  interactionId: 1,
  purpose: 'marketing_calls',
  decision: 'withdrawn',
  channel: 'call',
  value: { maskedRoles: ['marketer'] },
  filter: { tags: ['x'], regions: ['上海'], minTotalSpent: 10, rfmSegments: ['champions', 'none'], recentPurchases: { days: 30, count: 1 } },
  label: 'Fuzz label',
  code: 'fuzz_code',
  labelZh: '测试',
  sort: 3,
  active: true,
  revealsCase: false,
};
const oneFieldWrong = fc
  .tuple(fc.subarray(Object.keys(VALID), { minLength: 1 }), fc.constantFrom(...Object.keys(VALID)), nasty)
  .map(([keys, bad, value]) => {
    const b: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, VALID[k]]));
    b[bad] = bad === 'phones' ? [{ number: value }] : bad === 'tags' ? [value] : value;
    return b;
  });
const body = fc.oneof(nearlyRight, oneFieldWrong, oneFieldWrong, fc.jsonValue({ maxDepth: 4 }), nasty);

const query = fc.dictionary(fc.constantFrom('phone', 'q', 'limit', 'before', 'x', 'phone[]', 'q[a]', 'status', 'kind', 'assignee', 'sla', 'due', 'from', 'to', 'teamId', 'userId', 'action', 'entity', 'entityId', 'outcome', 'term', 'format'), fc.oneof(fc.string(), fc.constantFrom('0', '-1', '1e9', 'abc', '%00', '\u0000', '张\u0000伟', '138 0013 8000', 'csv', 'json', 'customer.', '2026-11-27T09:00:00+08:00', '99999999999999999999')), { maxKeys: 3 });

function qs(q: Record<string, string>): string {
  const s = Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return s ? `?${s}` : '';
}

describe('fuzzing every route', () => {
  it('answers random JSON bodies and queries without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(ROUTES.length - 1), fc.nat(3), body, query, async (r, c, b, q) => {
        const [method, path] = ROUTES[r]!;
        const res = await clients[c]!.request(method, path + qs(q), method === 'GET' ? undefined : b);
        expect(res.status, `${method} ${path}${qs(q)} ${JSON.stringify(b)?.slice(0, 200)}`).toBeLessThan(500);
        expect(res.body?.error === undefined || typeof res.body.error.code === 'string').toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('answers malformed bodies, odd content types and hostile paths without a 5xx', async () => {
    const raw = fc.oneof(
      fc.string(),
      fc.constantFrom('{', '{"username":', '[]', 'null', '"x"', '{"a":1}{"b":2}', '\u0000', 'x'.repeat(200_000), '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}'),
    );
    const type = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', '');
    await fc.assert(
      fc.asyncProperty(fc.nat(ROUTES.length - 1), fc.nat(3), raw, type, async (r, c, b, ct) => {
        const [method, path] = ROUTES[r]!;
        if (method === 'GET') return;
        const res = await clients[c]!.request(method, path, undefined, b, ct);
        expect(res.status, `${method} ${path} ${ct} ${b.slice(0, 80)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    for (const p of ['/api/customers/%00', '/api/customers/99999999999999999999', '/api/customers/-1', '/api/customers/1e3', '/api/customers/0x10', '/api/customers/%E0%A4%A', '/api/customers/1/../../auth/me']) {
      const res = await clients[3]!.get(p);
      expect(res.status, p).toBeLessThan(500);
    }
  });

  it('is still up and serving real requests afterwards', async () => {
    const r = await clients[1]!.get('/api/customers?phone=13800138000');
    expect(r.status).toBe(200);
    // The fuzzing may have renamed customers through valid PATCHes; the look-up itself must work.
    expect(r.body.normalizedPhone).toBe('+8613800138000');
    expect(r.body.items.length).toBeGreaterThan(0);
    expect((await clients[3]!.get('/api/health')).body).toEqual({ status: 'ok', db: 'ok', media: 'none' });
  });
});
