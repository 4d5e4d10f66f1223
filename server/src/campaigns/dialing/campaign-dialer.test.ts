// The dialer against fakes of the switch and the floor (no SIP, no database): how many leads it
// rings for the agents ready, whom it connects an answered lead to, and when it abandons one.
import { describe, expect, it } from 'vitest';
import { CampaignRules, type Campaign, type CampaignRulesInput } from '../../../../contract/index.js';
import { logger } from '../../platform/logger.js';
import { FakeClock } from '../../../../tests/support/fake-clock.js';
import type { OriginateRequest, OutboundDialing } from '../../switch/originate/outbound-ports.js';
import type { DialLogRepository } from '../data/dial-log.repository.js';
import type { LeadDialRow } from '../data/dial-facts.repository.js';
import type { DryRunService, Evaluated } from '../dry-run.service.js';
import { CampaignDialer, capWindowStart, type DialingMode } from './campaign-dialer.js';
import type { FloorAgentState } from './dialing-ports.js';
import type { LeadAttempts } from './lead-attempts.js';

const lead = (id: number): LeadDialRow => ({
  id, customerId: id, phone: `+86139000${String(id).padStart(5, '0')}`, name: null, valueTier: 'standard', status: 'new', attempts: 0,
  retryAt: null, callbackAt: null, timeZones: ['Asia/Shanghai'], priority: 0, score: 0, onDnc: false, callsLastDay: 0, callsLastWeek: 0, lastAbandonAt: null,
});

class FakeSwitch implements OutboundDialing {
  readonly placed: OriginateRequest[] = [];
  readonly ids: string[] = [];
  readonly connected = new Map<string, number>();
  readonly abandoned = new Map<string, string>();
  originate(r: OriginateRequest): string {
    this.placed.push(r);
    const id = `call-${this.placed.length}`;
    this.ids.push(id);
    return id;
  }
  connect(callId: string, agentUserId: number): boolean {
    this.connected.set(callId, agentUserId);
    return true;
  }
  abandon(callId: string, reason: string): void {
    this.abandoned.set(callId, reason);
    this.placed[this.ids.indexOf(callId)]!.listener.ended(callId, 'system');
  }
  hangup(): void {}
  answer(n: number): void {
    this.placed[n]!.listener.answered(this.ids[n]!);
  }
}

function setup(
  mode: DialingMode,
  agents: Record<number, FloorAgentState>,
  leads = 5,
  rules: CampaignRulesInput = {},
  restored?: { answered: number; abandoned: number },
) {
  const clock = new FakeClock();
  const sw = new FakeSwitch();
  const campaign: Campaign = {
    id: 7, name: 'Renewals', purpose: 'service', mode, status: 'running', rules: CampaignRules.parse(rules), ownerId: 1, ownerName: null,
    agentIds: Object.keys(agents).map(Number), version: 1, createdAt: new Date(clock.now() - 60_000).toISOString(),
    leads: { total: leads, byStatus: { new: leads, contacted: 0, interested: 0, converted: 0, lost: 0 }, dialled: 0 },
  };
  const rows = Array.from({ length: leads }, (_, i) => lead(i + 1));
  const dryRun = {
    async *evaluate(): AsyncGenerator<Evaluated[]> {
      yield rows.map((row) => ({ row, timeZones: row.timeZones, reason: null }));
    },
  } as unknown as DryRunService;
  const nothing = async () => {};
  const dials = { placed: nothing, answered: nothing, assigned: nothing, connected: nothing, ended: nothing } as unknown as DialLogRepository;
  const attempts = { unanswered: nothing, abandoned: nothing, holdFor: nothing } as unknown as LeadAttempts;
  const dialer = new CampaignDialer(campaign, mode, {
    outbound: () => sw,
    floor: { stateOf: (id) => agents[id] ?? 'away', idleSince: (id) => id },
    dials,
    attempts,
    dryRun,
    clock,
    log: logger.child({ test: true }),
    callerId: () => '4008001234',
    changed: () => {},
  }, restored);
  return { clock, sw, dialer, agents };
}

describe('the campaign dialer', () => {
  it('rings one lead per ready agent in progressive mode, and one more when another agent gets ready', async () => {
    const { sw, dialer, agents } = setup('progressive', { 11: 'free', 12: 'away', 13: 'free' });
    dialer.step();
    await dialer.settled();
    expect(sw.placed.map((p) => p.number)).toEqual(['+8613900000001', '+8613900000002']);
    dialer.step();
    await dialer.settled();
    expect(sw.placed).toHaveLength(2);
    agents[12] = 'free';
    dialer.step();
    await dialer.settled();
    expect(sw.placed).toHaveLength(3);
    expect(sw.placed[2]!.ringTimeoutMs).toBeGreaterThanOrEqual(15_000);
  });

  it('connects an answered lead to the free agent idle longest', async () => {
    const { sw, dialer } = setup('progressive', { 21: 'free', 20: 'free' });
    dialer.step();
    await dialer.settled();
    sw.answer(1);
    await dialer.settled();
    expect(sw.connected.get('call-2')).toBe(20);
  });

  it('passes to the next free agent when the one claimed took another call meanwhile', async () => {
    const { sw, dialer, agents } = setup('progressive', { 21: 'free', 20: 'free' });
    dialer.step();
    await dialer.settled();
    sw.answer(0);
    agents[20] = 'busy'; // an inbound call reached them while the lead was being held for them
    await dialer.settled();
    expect(sw.connected.get('call-1')).toBe(21);
    expect(sw.abandoned.size).toBe(0);
  });

  it('abandons an answered lead once the connect window passes with no agent free, and connects one that frees in time', async () => {
    const { sw, dialer, agents, clock } = setup('predictive', { 31: 'free' });
    dialer.step();
    await dialer.settled();
    expect(sw.placed).toHaveLength(1);
    agents[31] = 'away';
    sw.answer(0);
    await dialer.settled();
    clock.advance(1_999);
    expect(sw.abandoned.size).toBe(0);
    clock.advance(1);
    expect(sw.abandoned.get('call-1')).toBe('no agent available');
    expect(dialer.pacer.status(clock.now()).capWindow).toMatchObject({ answered: 1, abandoned: 1 });

    agents[31] = 'free';
    dialer.step();
    await dialer.settled();
    expect(sw.placed).toHaveLength(2);
    agents[31] = 'busy';
    sw.answer(1);
    await dialer.settled();
    clock.advance(1_000);
    agents[31] = 'free';
    dialer.step();
    await dialer.settled();
    expect(sw.connected.get('call-2')).toBe(31);
    clock.advance(5_000);
    expect(sw.abandoned.has('call-2')).toBe(false);
  });

  it('counts cap windows from the campaign’s creation', () => {
    const { dialer } = setup('predictive', {});
    const created = Date.parse(dialer.campaign.createdAt);
    expect(capWindowStart(dialer.campaign, '24h', created + 25 * 3_600_000)).toBe(created + 24 * 3_600_000);
    expect(capWindowStart(dialer.campaign, '30d', created + 1000)).toBe(created);
  });

  it("enforces the campaign's own abandon cap and ring time, not the defaults", async () => {
    // The same floor and the same window so far (10 abandoned of 1,000 answered, 1 %): under the
    // default 3 % cap the dialer rings ahead for the busy agents; under a 1 % cap it may not.
    const floor = (): Record<number, FloorAgentState> => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [i + 1, i === 0 ? 'free' : 'busy']));
    const window = { answered: 1000, abandoned: 10 };
    const loose = setup('predictive', floor(), 50, {}, window);
    loose.dialer.step();
    await loose.dialer.settled();
    expect(loose.sw.placed.length).toBeGreaterThan(1);

    const strict = setup('predictive', floor(), 50, { pacing: { abandonCapPercent: 1, ringSeconds: 40 } }, window);
    expect(strict.dialer.pacer.settings).toMatchObject({ abandonCap: 0.01, ringTimeoutSeconds: 40 });
    strict.dialer.step();
    await strict.dialer.settled();
    expect(strict.sw.placed).toHaveLength(1); // only the ready agent's call
    expect(strict.dialer.lastDecision).toMatchObject({ workingAs: 'progressive', reason: 'cap_guard' });
    expect(strict.sw.placed[0]!.ringTimeoutMs).toBe(40_000);
  });

  it('refuses a campaign ring time under 15 s and a cap over 10 %', () => {
    expect(CampaignRules.safeParse({ pacing: { ringSeconds: 14 } }).success).toBe(false);
    expect(CampaignRules.safeParse({ pacing: { abandonCapPercent: 11 } }).success).toBe(false);
    expect(CampaignRules.parse({}).pacing).toEqual({ abandonCapPercent: 3, capWindow: '30d', ringSeconds: 25 });
  });
});
