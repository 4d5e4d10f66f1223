import { describe, expect, it } from 'vitest';
import type { CallFact } from '../../acd/call-facts.js';
import type { AuditEntry, AuditRepository } from '../../identity/data/audit.repository.js';
import { logger } from '../../platform/logger.js';
import type { FloorPersonRow } from '../floor-actions/data/floor-people.repository.js';
import type { MonitorNotifier } from './monitor-notifier.js';
import { MonitoringService, type MonitorRequester } from './monitoring.service.js';
import { DEFAULT_MONITORING_POLICY, type MonitoringPolicy } from './rules/monitor-policy.js';

const PEOPLE: FloorPersonRow[] = [
  { id: 1, displayName: 'Agent One', role: 'agent', teamId: 10 },
  { id: 2, displayName: 'Sup Two', role: 'supervisor', teamId: 10 },
];
const OFFER = 'v=0 offer sdp';

function setup(policy: MonitoringPolicy = DEFAULT_MONITORING_POLICY) {
  const audits: AuditEntry[] = [];
  const pushes: { to: string; event: string; payload: unknown }[] = [];
  const notifier: MonitorNotifier = {
    toUser: (userId, event, payload) => void pushes.push({ to: `user:${userId}`, event, payload }),
    toSocket: (socketId, event, payload) => void pushes.push({ to: socketId, event, payload }),
  };
  const service = new MonitoringService({
    people: { find: async (id) => PEOPLE.find((p) => p.id === id) },
    audit: { write: async (e: AuditEntry) => void audits.push(e) } as unknown as AuditRepository,
    notifier,
    clock: { now: () => 1_000_000, setTimeout: () => 0, clearTimeout: () => {} } as never,
    log: logger,
    policy,
  });
  const supervisor: MonitorRequester = { viewer: { id: 2, role: 'supervisor', teamId: 10 }, ip: null, requestId: null, socketId: 'sup-socket' };
  return { service, audits, pushes, supervisor };
}

const directCallShown = (ringing: boolean): CallFact => ({ type: 'direct-call-shown', callId: 'c-direct', agentId: 1, ringing, view: { interactionId: 77 } as never });

describe('monitoring sessions over the call facts', () => {
  it('monitors a direct call once it is answered, not while it rings', async () => {
    const { service, supervisor } = setup();
    service.follow(directCallShown(true));
    await expect(service.start(supervisor, { agentUserId: 1, mode: 'listen', offer: OFFER })).rejects.toMatchObject({ code: 'CONFLICT' });
    service.follow(directCallShown(false));
    await expect(service.start(supervisor, { agentUserId: 1, mode: 'listen', offer: OFFER })).resolves.toMatchObject({ callId: 'c-direct' });
  });

  it("ends the session when the agent's call is over (wrap-up), on both ends, and audits the end", async () => {
    const { service, supervisor, pushes, audits } = setup();
    service.follow(directCallShown(false));
    const { sessionId } = await service.start(supervisor, { agentUserId: 1, mode: 'whisper', offer: OFFER });
    service.answer(1, 'agent-socket', sessionId, 'v=0 answer sdp');
    service.follow({ type: 'agent-state-changed', agentId: 1, status: { state: 'wrap_up', reason: null }, at: 0, view: {} as never });
    expect(pushes.filter((p) => p.event === 'monitor:ended')).toEqual([
      { to: 'sup-socket', event: 'monitor:ended', payload: { sessionId, reason: 'call_ended' } },
      { to: 'agent-socket', event: 'monitor:ended', payload: { sessionId, reason: 'call_ended' } },
    ]);
    expect(audits.map((a) => a.action)).toEqual(['monitoring.started', 'monitoring.ended']);
    expect(service.openSessions).toBe(0);
  });

  it('tells the agent who monitors only when the site lets agents see it', async () => {
    for (const agentSeesMonitoring of [true, false]) {
      const { service, supervisor, pushes } = setup({ ...DEFAULT_MONITORING_POLICY, agentSeesMonitoring });
      service.follow(directCallShown(false));
      await service.start(supervisor, { agentUserId: 1, mode: 'listen', offer: OFFER });
      const offered = pushes.find((p) => p.event === 'monitor:offered')!;
      expect(offered.to).toBe('user:1');
      expect((offered.payload as { supervisor: unknown }).supervisor).toEqual(agentSeesMonitoring ? { id: 2, name: 'Sup Two' } : null);
    }
  });

  it("refuses a mode the site does not allow supervisors, at the start and on a switch (audited)", async () => {
    const { service, supervisor, audits } = setup({ ...DEFAULT_MONITORING_POLICY, supervisorModes: ['listen'] });
    service.follow(directCallShown(false));
    await expect(service.start(supervisor, { agentUserId: 1, mode: 'barge', offer: OFFER })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const view = await service.start(supervisor, { agentUserId: 1, mode: 'listen', offer: OFFER });
    expect(view.allowedModes).toEqual(['listen']);
    await expect(service.setMode(supervisor, view.sessionId, 'whisper')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(audits.filter((a) => a.outcome === 'denied').map((a) => [a.action, a.detail])).toEqual([
      ['monitoring.started', { reason: 'mode_not_allowed' }],
      ['monitoring.mode_changed', { reason: 'mode_not_allowed' }],
    ]);
  });
});
