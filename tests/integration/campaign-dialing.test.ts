// Progressive and predictive dialing through the real switch: real sip.js phones registered as
// the leads' numbers (media faked), agents' phones and desks over Socket.IO, the pacer, the call
// log and the campaign's figures pushed to the marketer's page. The switch rings a lead with no
// offer of its own; the lead's answer carries the offer, the agent's phone answers it.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPhoneNumberList, CampaignLiveFigures, LiveCallView, SipCredentialsView } from '../../contract/index.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let marketer: ApiClient;
const calls = new CallHarness(() => app.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 0);
  app = await startTestApp(t.db);
  marketer = await new ApiClient(app.baseUrl).login('marketer1');
});
afterAll(async () => {
  await calls.close();
  await app.close();
  await t.drop();
});

/** Open all day, every day, whatever the time the test runs: the windows are another test's. */
const ALWAYS = { window: { start: '00:00', end: '24:00', days: [0, 1, 2, 3, 4, 5, 6] }, skipHolidays: false };

async function agentAtDesk(username: string): Promise<{ id: number; desk: Socket; phone: Softphone }> {
  const client = await new ApiClient(app.baseUrl).login(username);
  const desk = await calls.desk(client);
  const phone = calls.phone((await client.get<SipCredentialsView>('/api/softphone/credentials')).body);
  await phone.start();
  await registered(phone);
  const id = Number((await t.db('users').where({ username }).first('id')).id);
  return { id, desk, phone };
}

/** A phone registered as a lead's number (the web phone a customer would have). */
async function leadPhone(number: string): Promise<Softphone> {
  const phone = calls.phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number })).body);
  await phone.start();
  await registered(phone);
  return phone;
}

async function campaignWith(mode: 'progressive' | 'predictive', agentIds: number[], numbers: string[]): Promise<number> {
  const created = await marketer.post<{ id: number; version: number }>('/api/campaigns', { name: `${mode} ${Math.random()}`, purpose: 'service', mode, rules: ALWAYS });
  expect(created.status).toBe(201);
  const csv = ['name,phone', ...numbers.map((n, i) => `Lead ${i + 1},${n}`)].join('\n');
  const imported = await marketer.request('POST', `/api/campaigns/${created.body.id}/leads/import`, undefined, csv, 'text/csv');
  expect(imported.body).toMatchObject({ imported: numbers.length, rejected: [] });
  const assigned = await marketer.request('PATCH', `/api/campaigns/${created.body.id}`, { version: created.body.version, agentIds });
  expect(assigned.status).toBe(200);
  return created.body.id;
}

const settled = async () => {
  await app.composed.dialer.settled();
  await app.composed.callsSettled();
};

const dialsOf = (campaignId: number) => t.db('campaign_dials').where({ campaign_id: campaignId }).orderBy('id');

function ringing(phones: Softphone[]): Softphone[] {
  return phones.filter((p) => p.call !== undefined && p.call.state !== 'ended');
}

describe('progressive dialing', () => {
  it('places one call per ready agent, and bridges the answered lead to the agent with the lead on their desk', async () => {
    const a = await agentAtDesk('agent1');
    const b = await agentAtDesk('agent2');
    const numbers = ['+8613900000101', '+8613900000102', '+8613900000103'];
    const leads = await Promise.all(numbers.map(leadPhone));
    const campaignId = await campaignWith('progressive', [a.id, b.id], numbers);
    expect(await a.desk.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });

    // The marketer's page watches the campaign: its figures come pushed.
    const page = await calls.desk(marketer);
    const watched = await page.emitWithAck('campaign:watch', { campaignId });
    expect(watched).toMatchObject({ ok: true, data: { campaignId, dialling: false, attempts: 0, remainingLeads: 3, agentsOnCampaign: 2 } });

    // The site's hotline is the default outbound caller id: the lead's phone shows it.
    const admin = await new ApiClient(app.baseUrl).login('admin1');
    const hotline = (await admin.get<AdminPhoneNumberList>('/api/admin/phone-numbers')).body.items[0]!;
    expect((await admin.patch(`/api/admin/phone-numbers/${hotline.id}`, { version: hotline.version, defaultOutbound: true })).status).toBe(200);

    const firstRing = Promise.race(leads.map((p) => nextEvent(p, 'call:incoming').then(({ call }) => ({ p, shown: call.remote.user }))));
    expect((await marketer.post(`/api/campaigns/${campaignId}/start`)).body.status).toBe('running');
    const { p: lead, shown } = await firstRing;
    expect(shown).toBe(hotline.number);
    await settled();
    // One agent is ready: one lead rings, the others wait.
    expect(ringing(leads)).toEqual([lead]);
    expect(await dialsOf(campaignId)).toHaveLength(1);

    // The lead answers: the ready agent's phone rings with the lead's number, and their desk
    // shows the call with the lead's customer before they answer.
    const onDesk = new Promise<LiveCallView>((resolve) => a.desk.once('call:updated', resolve));
    const agentRings = nextEvent(a.phone, 'call:incoming');
    await lead.answer();
    const { call: agentCall } = await agentRings;
    const view = await onDesk;
    const leadNumber = numbers[leads.indexOf(lead)]!;
    expect(agentCall.remote.user).toBe(leadNumber);
    expect(view.callerNumber).toBe(leadNumber);
    expect(view.screenPop.primary?.customer.name).toMatch(/^Lead \d$/);
    expect(b.phone.call).toBeUndefined();

    const figures = new Promise<CampaignLiveFigures>((resolve) => {
      const seen = (f: CampaignLiveFigures) => {
        if (f.connected !== 1) return;
        page.off('campaign:figures', seen);
        resolve(f);
      };
      page.on('campaign:figures', seen);
    });
    await a.phone.answer();
    await callReaches(lead, 'active');
    expect(await figures).toMatchObject({ campaignId, dialling: true, workingAs: 'progressive', attempts: 1, reached: 1, connected: 1, abandoned: 0, abandonRate: 0 });

    // A second agent gets ready: a second lead rings, not the one on the line.
    const secondRing = Promise.race(leads.filter((p) => p !== lead).map((p) => nextEvent(p, 'call:incoming').then(() => p)));
    expect(await b.desk.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });
    const second = await secondRing;
    expect(second).not.toBe(lead);
    await settled();
    expect(await dialsOf(campaignId)).toHaveLength(2);

    // The agent hangs up: the call is logged as the agent's outbound call to the lead's customer.
    await a.phone.hangup();
    await callReaches(lead, 'ended');
    await settled();
    const row = await t.db('interactions').where({ agent_id: a.id, direction: 'outbound', caller_number: leadNumber }).first();
    expect(row).toMatchObject({ end_reason: 'completed' });
    expect(row.answered_at).not.toBeNull();
    const [dial] = await dialsOf(campaignId);
    expect(dial).toMatchObject({ outcome: 'connected', agent_id: a.id });
    // The lead waits on the agent's desk for its disposition (preview's outcome call).
    expect(await t.db('campaign_leads').where({ id: dial.lead_id }).first('reserved_by')).toEqual({ reserved_by: a.id });

    // Stopped: no new call. The second lead, still ringing, refuses the call: busy, tried again later.
    expect((await marketer.post(`/api/campaigns/${campaignId}/stop`)).body.status).toBe('finished');
    const counted = new Promise<CampaignLiveFigures>((resolve) => {
      const seen = (f: CampaignLiveFigures) => {
        if (f.inFlight !== 0 || f.attempts !== 2) return;
        page.off('campaign:figures', seen);
        resolve(f);
      };
      page.on('campaign:figures', seen);
    });
    await second.reject();
    expect(await counted).toMatchObject({ dialling: false, attempts: 2, reached: 1, connected: 1, abandoned: 0 });
    await settled();
    const dials = await dialsOf(campaignId);
    expect(dials.map((d) => d.outcome)).toEqual(['connected', 'busy']);
    const busy = await t.db('campaign_leads').where({ id: dials[1].lead_id }).first('attempts', 'last_outcome', 'retry_at');
    expect(busy).toMatchObject({ attempts: 1, last_outcome: 'busy' });
    expect(busy.retry_at.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('predictive dialing', () => {
  it('abandons an answered lead no agent is free for, with a reason, and then dials no further ahead than its agents', async () => {
    const c = await agentAtDesk('agent3');
    const numbers = ['+8613900000201', '+8613900000202', '+8613900000203'];
    const leads = await Promise.all(numbers.map(leadPhone));
    const campaignId = await campaignWith('predictive', [c.id], numbers);
    expect(await c.desk.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });

    const firstRing = Promise.race(leads.map((p) => nextEvent(p, 'call:incoming').then(() => p)));
    await marketer.post(`/api/campaigns/${campaignId}/start`);
    const lead = await firstRing;
    await settled();
    // Nothing answered yet, so no abandon is allowed under the 3 % cap: one call for one agent.
    expect(ringing(leads)).toEqual([lead]);
    expect(await dialsOf(campaignId)).toHaveLength(1);

    // The agent steps away while the lead rings; the lead answers and nobody is free.
    expect(await c.desk.emitWithAck('agent:set-state', { state: 'not_ready', reason: 'training' })).toMatchObject({ ok: true });
    const ended = callReaches(lead, 'ended');
    await lead.answer();
    await ended;
    await settled();
    const [dial] = await dialsOf(campaignId);
    expect(dial).toMatchObject({ outcome: 'abandoned', abandon_reason: 'no agent available', agent_id: null });
    expect(dial.answered_at).not.toBeNull();
    const attempt = await t.db('campaign_attempts').where({ lead_id: dial.lead_id }).first();
    expect(attempt).toMatchObject({ outcome: 'abandoned' });
    expect(c.phone.call).toBeUndefined();
    const figures = await app.composed.dialer.figuresFor({ id: 1, role: 'admin', teamId: null }, campaignId);
    expect(figures).toMatchObject({ reached: 1, abandoned: 1, abandonRate: 1, abandonCap: 0.03 });

    // The marketer sets the campaign's own cap (UK rules): the running dialer follows it, with
    // the window's count so far kept.
    const loaded = await marketer.get<{ version: number }>(`/api/campaigns/${campaignId}`);
    const paced = await marketer.patch(`/api/campaigns/${campaignId}`, { version: loaded.body.version, rules: { ...ALWAYS, pacing: { abandonCapPercent: 5, capWindow: '24h' } } });
    expect(paced.status, JSON.stringify(paced.body)).toBe(200);
    await settled();
    expect(app.composed.dialer.dialerOf(campaignId)!.pacer.settings).toMatchObject({ abandonCap: 0.05, capWindow: '24h' });
    expect(await app.composed.dialer.figuresFor({ id: 1, role: 'admin', teamId: null }, campaignId)).toMatchObject({ abandoned: 1, abandonRate: 1, abandonCap: 0.05, capWindow: '24h' });

    // Back to Ready: over the cap, the pacer dials one lead for the one agent, never the
    // abandoned lead again (72 h), and the answered call reaches the agent.
    const nextRing = Promise.race(leads.filter((p) => p !== lead).map((p) => nextEvent(p, 'call:incoming').then(() => p)));
    expect(await c.desk.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });
    const next = await nextRing;
    await settled();
    expect(ringing(leads)).toEqual([next]);
    const dialer = app.composed.dialer.dialerOf(campaignId)!;
    // The window is over its cap: nothing may be exposed to abandonment, one call per ready agent.
    expect(dialer.pacer.status(Date.now())).toMatchObject({ capWindow: { answered: 1, abandoned: 1 }, exposureAllowed: 0 });
    expect(dialer.lastDecision).toMatchObject({ place: 1, inFlight: 0 });
    const agentRings = nextEvent(c.phone, 'call:incoming');
    await next.answer();
    await agentRings;
    await c.phone.answer();
    await callReaches(next, 'active');
    await c.phone.hangup();
    await callReaches(next, 'ended');
    await marketer.post(`/api/campaigns/${campaignId}/pause`);
    await settled();
    expect((await dialsOf(campaignId)).map((d) => d.outcome)).toEqual(['abandoned', 'connected']);
  });
});
