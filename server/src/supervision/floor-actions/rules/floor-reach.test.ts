import { describe, expect, it } from 'vitest';
import { canActOn } from './floor-reach.js';

const supervisor = { id: 1, role: 'supervisor' as const, teamId: 10 };
const admin = { id: 2, role: 'admin' as const, teamId: null };

describe('whom a viewer may act on from the floor', () => {
  it("lets a supervisor act on their own team's agents only", () => {
    expect(canActOn(supervisor, { id: 5, role: 'agent', teamId: 10 })).toBe(true);
    expect(canActOn(supervisor, { id: 6, role: 'agent', teamId: 11 })).toBe(false);
    expect(canActOn(supervisor, { id: 7, role: 'agent', teamId: null })).toBe(false);
  });

  it('lets a supervisor without a team act on no one', () => {
    expect(canActOn({ ...supervisor, teamId: null }, { id: 7, role: 'agent', teamId: null })).toBe(false);
  });

  it('lets an admin act on every agent', () => {
    expect(canActOn(admin, { id: 6, role: 'agent', teamId: 11 })).toBe(true);
    expect(canActOn(admin, { id: 7, role: 'agent', teamId: null })).toBe(true);
  });

  it('refuses agents and marketers, and targets who take no calls', () => {
    expect(canActOn({ id: 3, role: 'agent', teamId: 10 }, { id: 5, role: 'agent', teamId: 10 })).toBe(false);
    expect(canActOn({ id: 4, role: 'marketer', teamId: 10 }, { id: 5, role: 'agent', teamId: 10 })).toBe(false);
    expect(canActOn(admin, { id: 8, role: 'marketer', teamId: 10 })).toBe(false);
  });
});
