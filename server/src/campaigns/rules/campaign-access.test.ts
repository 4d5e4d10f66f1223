import { describe, expect, it } from 'vitest';
import { canAddDnc, canCreateCampaign, canRunCampaign, canSeeCampaign, canWorkCampaign } from './campaign-access.js';

const marketer = { id: 5, role: 'marketer', teamId: null } as const;
const otherMarketer = { id: 6, role: 'marketer', teamId: null } as const;
const agent = { id: 7, role: 'agent', teamId: 1 } as const;
const otherAgent = { id: 8, role: 'agent', teamId: 1 } as const;
const supervisor = { id: 9, role: 'supervisor', teamId: 1 } as const;
const admin = { id: 1, role: 'admin', teamId: null } as const;
const campaign = { ownerId: 5, agentIds: [7] };

describe('campaign access', () => {
  it('lets marketers and admins create, and only the owner or an admin run', () => {
    expect([marketer, agent, supervisor, admin].map(canCreateCampaign)).toEqual([true, false, false, true]);
    expect([marketer, otherMarketer, supervisor, agent, admin].map((v) => canRunCampaign(v, campaign))).toEqual([true, false, false, false, true]);
  });

  it('shows a campaign to supervisors and to its assigned agents, not to other agents or marketers', () => {
    expect([supervisor, agent, otherAgent, otherMarketer].map((v) => canSeeCampaign(v, campaign))).toEqual([true, true, false, false]);
    expect([agent, otherAgent, marketer].map((v) => canWorkCampaign(v, campaign))).toEqual([true, false, false]);
  });

  it('lets an assigned agent put a number on the campaign’s do-not-call list', () => {
    expect(canAddDnc(agent, campaign)).toBe(true);
    expect(canAddDnc(otherAgent, campaign)).toBe(false);
    expect(canAddDnc(otherAgent, null)).toBe(true);
  });
});
