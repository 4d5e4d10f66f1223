import { describe, expect, it } from 'vitest';
import { canEditCustomers, canReassignOwner, canSeeCases, canSeeCustomer, type CustomerRelation, type Viewer } from './access-policy.js';

const none: CustomerRelation = {
  ownedByViewer: false,
  handledByViewer: false,
  offeredToViewerNow: false,
  ownedByViewersTeam: false,
  handledByViewersTeam: false,
  inViewersCampaigns: false,
  leadHeldByViewer: false,
};
const agent: Viewer = { id: 1, role: 'agent', teamId: 1 };
const supervisor: Viewer = { id: 2, role: 'supervisor', teamId: 1 };
const marketer: Viewer = { id: 3, role: 'marketer', teamId: 2 };
const admin: Viewer = { id: 4, role: 'admin', teamId: null };

describe('canSeeCustomer', () => {
  it('lets an admin see every customer', () => {
    expect(canSeeCustomer(admin, none)).toBe(true);
  });

  it('lets an agent see customers they own, have handled, or are being offered now, and nothing else', () => {
    expect(canSeeCustomer(agent, none)).toBe(false);
    expect(canSeeCustomer(agent, { ...none, ownedByViewer: true })).toBe(true);
    expect(canSeeCustomer(agent, { ...none, handledByViewer: true })).toBe(true);
    expect(canSeeCustomer(agent, { ...none, offeredToViewerNow: true })).toBe(true);
    // A teammate's customer is not the agent's business.
    expect(canSeeCustomer(agent, { ...none, ownedByViewersTeam: true, handledByViewersTeam: true })).toBe(false);
    expect(canSeeCustomer(agent, { ...none, inViewersCampaigns: true })).toBe(false);
  });

  it("lets a supervisor see what their team owns or has handled", () => {
    expect(canSeeCustomer(supervisor, none)).toBe(false);
    expect(canSeeCustomer(supervisor, { ...none, ownedByViewersTeam: true })).toBe(true);
    expect(canSeeCustomer(supervisor, { ...none, handledByViewersTeam: true })).toBe(true);
    expect(canSeeCustomer({ ...supervisor, teamId: null }, { ...none, ownedByViewersTeam: true })).toBe(false);
  });

  it("lets a marketer see only customers on their campaigns' lists", () => {
    expect(canSeeCustomer(marketer, { ...none, ownedByViewer: true, handledByViewersTeam: true })).toBe(false);
    expect(canSeeCustomer(marketer, { ...none, inViewersCampaigns: true })).toBe(true);
  });
});

describe('what each role may do with customers', () => {
  it('hides ticket and complaint details from marketers only', () => {
    expect([agent, supervisor, marketer, admin].map(canSeeCases)).toEqual([true, true, false, true]);
  });
  it('lets agents, supervisors and admins edit, and only supervisors and admins reassign', () => {
    expect([agent, supervisor, marketer, admin].map(canEditCustomers)).toEqual([true, true, false, true]);
    expect([agent, supervisor, marketer, admin].map(canReassignOwner)).toEqual([false, true, false, true]);
  });
});
