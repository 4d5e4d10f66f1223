import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../identity/request-context.js';
import { callLinkRefusal } from './call-link.js';

const agent: Viewer = { id: 10, role: 'agent', teamId: 1 };
const supervisor: Viewer = { id: 20, role: 'supervisor', teamId: 1 };
const admin: Viewer = { id: 30, role: 'admin', teamId: null };
const call = (agentId: number | null, agentTeamId: number | null, customerId: number | null) => ({ agentId, agentTeamId, customerId });

describe('callLinkRefusal', () => {
  it('lets agents link their own calls only', () => {
    expect(callLinkRefusal(agent, call(10, 1, null), 5)).toBeNull();
    expect(callLinkRefusal(agent, call(11, 1, null), 5)?.message).toBe('You can only link your own calls');
  });

  it("lets supervisors link their team's calls, not another team's unidentified call", () => {
    expect(callLinkRefusal(supervisor, call(11, 1, null), 5)).toBeNull();
    expect(callLinkRefusal(supervisor, call(12, 2, null), 5)?.message).toBe("You can only link your team's calls");
    expect(callLinkRefusal(supervisor, call(null, null, null), 5)?.message).toBe("You can only link your team's calls");
  });

  it('lets admins link any call', () => {
    expect(callLinkRefusal(admin, call(12, 2, null), 5)).toBeNull();
  });

  it("never ties a call with one customer to another customer's case", () => {
    expect(callLinkRefusal(agent, call(10, 1, 6), 5)?.message).toBe('That call is with another customer');
    expect(callLinkRefusal(admin, call(10, 1, 6), 5)?.message).toBe('That call is with another customer');
    expect(callLinkRefusal(agent, call(10, 1, 5), 5)).toBeNull();
  });
});
