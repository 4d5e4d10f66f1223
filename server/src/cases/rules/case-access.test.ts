import { describe, expect, it } from 'vitest';
import { canAssignTo, canEditCase } from './case-access.js';

const agent = { id: 10, role: 'agent' as const, teamId: 1 };
const otherAgent = { id: 11, role: 'agent' as const, teamId: 1 };
const supervisor = { id: 20, role: 'supervisor' as const, teamId: 1 };
const otherSupervisor = { id: 21, role: 'supervisor' as const, teamId: 2 };
const marketer = { id: 30, role: 'marketer' as const, teamId: null };
const admin = { id: 40, role: 'admin' as const, teamId: null };

const assignedToAgent = { assigneeId: 10, createdBy: 11, teamId: 1, assigneeTeamId: 1 };
const createdByAgent = { assigneeId: 11, createdBy: 10, teamId: 1, assigneeTeamId: 1 };
const teamQueue = { assigneeId: null, createdBy: 11, teamId: 1, assigneeTeamId: null };

describe('who may change a case', () => {
  it('lets an agent change what is assigned to them or what they created, not a colleague\'s', () => {
    expect(canEditCase(agent, assignedToAgent)).toBe(true);
    expect(canEditCase(agent, createdByAgent)).toBe(true);
    expect(canEditCase({ ...otherAgent, id: 12 }, assignedToAgent)).toBe(false);
  });

  it('lets an agent pick up their team\'s unassigned case but not another team\'s', () => {
    expect(canEditCase(agent, teamQueue)).toBe(true);
    expect(canEditCase({ ...agent, teamId: 2 }, teamQueue)).toBe(false);
  });

  it('lets supervisors change their team\'s cases only, admins all, marketers none', () => {
    expect(canEditCase(supervisor, assignedToAgent)).toBe(true);
    expect(canEditCase(otherSupervisor, assignedToAgent)).toBe(false);
    expect(canEditCase(admin, assignedToAgent)).toBe(true);
    expect(canEditCase(marketer, teamQueue)).toBe(false);
  });

  it('lets an agent take a case or give it back, while a supervisor assigns within the team', () => {
    expect(canAssignTo(agent, 10, 1)).toBe(true);
    expect(canAssignTo(agent, 11, 1)).toBe(false);
    expect(canAssignTo(agent, null, null)).toBe(true);
    expect(canAssignTo(supervisor, 11, 1)).toBe(true);
    expect(canAssignTo(supervisor, 50, 2)).toBe(false);
  });
});
