import { describe, expect, it } from 'vitest';
import { viewerReaches, type RecordReach } from './reach.js';

const none: RecordReach = { own: false, team: false, campaign: false };

describe('how far a role reaches', () => {
  it('gives admins everything, supervisors their team, agents their own, marketers their campaigns', () => {
    expect(viewerReaches({ id: 1, role: 'admin', teamId: null }, none)).toBe(true);
    expect(viewerReaches({ id: 2, role: 'supervisor', teamId: 7 }, { ...none, team: true })).toBe(true);
    expect(viewerReaches({ id: 2, role: 'supervisor', teamId: 7 }, { ...none, own: true, campaign: true })).toBe(false);
    expect(viewerReaches({ id: 3, role: 'agent', teamId: 7 }, { ...none, own: true })).toBe(true);
    expect(viewerReaches({ id: 3, role: 'agent', teamId: 7 }, { ...none, team: true })).toBe(false);
    expect(viewerReaches({ id: 4, role: 'marketer', teamId: null }, { ...none, campaign: true })).toBe(true);
    expect(viewerReaches({ id: 4, role: 'marketer', teamId: null }, { ...none, own: true })).toBe(false);
  });

  it('gives a supervisor outside any team nothing of a team', () => {
    expect(viewerReaches({ id: 2, role: 'supervisor', teamId: null }, { ...none, team: true })).toBe(false);
  });
});
