import { describe, expect, expectTypeOf, it } from 'vitest';
import { CASE_KINDS, CASE_STATUSES, type CaseAction } from '../../../../contract/index.js';
import { allowedActionsFor, type CaseActionState } from './case-actions.js';
import { allowedCaseActions, type CaseActionType } from './case-status.js';

const agent = { id: 10, role: 'agent' as const, teamId: 1 };
const colleague = { id: 11, role: 'agent' as const, teamId: 1 };
const otherTeamAgent = { id: 12, role: 'agent' as const, teamId: 2 };
const supervisor = { id: 20, role: 'supervisor' as const, teamId: 1 };
const otherSupervisor = { id: 21, role: 'supervisor' as const, teamId: 2 };
const marketer = { id: 30, role: 'marketer' as const, teamId: null };
const admin = { id: 40, role: 'admin' as const, teamId: null };

const agentsCase = { assigneeId: 10, createdBy: 10, teamId: 1, assigneeTeamId: 1 };
const teamQueue = { assigneeId: null, createdBy: 11, teamId: 1, assigneeTeamId: null };

const newComplaint: CaseActionState = { kind: 'complaint', status: 'new', acknowledgedAt: null };
const ACKED = new Date('2026-06-10T10:00:00Z');

describe('the status moves a viewer is offered', () => {
  it('offers the assignee of a new complaint acknowledge, open and resolve', () => {
    expect(allowedActionsFor(agent, agentsCase, newComplaint)).toEqual(['acknowledge', 'open', 'resolve']);
  });

  it('stops offering acknowledge once the complaint is acknowledged', () => {
    expect(allowedActionsFor(agent, agentsCase, { kind: 'complaint', status: 'open', acknowledgedAt: ACKED })).toEqual(['pend', 'resolve']);
    expect(allowedActionsFor(agent, agentsCase, { kind: 'complaint', status: 'pending_customer', acknowledgedAt: ACKED })).toEqual(['open', 'resolve']);
  });

  it('never offers acknowledge on a ticket', () => {
    expect(allowedActionsFor(agent, agentsCase, { kind: 'ticket', status: 'new', acknowledgedAt: null })).toEqual(['open', 'resolve']);
  });

  it('offers close and reopen on a resolved case, only reopen on a closed one', () => {
    expect(allowedActionsFor(agent, agentsCase, { kind: 'ticket', status: 'resolved', acknowledgedAt: null })).toEqual(['close', 'reopen']);
    expect(allowedActionsFor(agent, agentsCase, { kind: 'complaint', status: 'closed', acknowledgedAt: ACKED })).toEqual(['reopen']);
  });

  it('still offers close on a resolved complaint the customer has not confirmed: the server says what is missing', () => {
    expect(allowedActionsFor(agent, agentsCase, { kind: 'complaint', status: 'resolved', acknowledgedAt: ACKED })).toContain('close');
  });

  it('offers a marketer nothing, whatever the case', () => {
    for (const kind of CASE_KINDS) {
      for (const status of CASE_STATUSES) {
        expect(allowedActionsFor(marketer, agentsCase, { kind, status, acknowledgedAt: null })).toEqual([]);
        expect(allowedActionsFor(marketer, teamQueue, { kind, status, acknowledgedAt: null })).toEqual([]);
      }
    }
  });

  it("offers an agent nothing on a colleague's case or another team's queue", () => {
    expect(allowedActionsFor(colleague, agentsCase, newComplaint)).toEqual([]);
    expect(allowedActionsFor(otherTeamAgent, teamQueue, newComplaint)).toEqual([]);
  });

  it("offers an agent their team's unassigned case", () => {
    expect(allowedActionsFor(colleague, teamQueue, newComplaint)).toEqual(['acknowledge', 'open', 'resolve']);
  });

  it("offers supervisors their team's cases only, admins every case", () => {
    expect(allowedActionsFor(supervisor, agentsCase, newComplaint)).toEqual(['acknowledge', 'open', 'resolve']);
    expect(allowedActionsFor(otherSupervisor, agentsCase, newComplaint)).toEqual([]);
    expect(allowedActionsFor(admin, agentsCase, newComplaint)).toEqual(['acknowledge', 'open', 'resolve']);
  });

  it("follows the status machine's table for every kind and status", () => {
    for (const kind of CASE_KINDS) {
      for (const status of CASE_STATUSES) {
        expect([...allowedActionsFor(admin, agentsCase, { kind, status, acknowledgedAt: null })].sort()).toEqual([...allowedCaseActions(kind, status)].sort());
      }
    }
  });

  it('speaks the same action names as the contract', () => {
    expectTypeOf<CaseActionType>().toEqualTypeOf<CaseAction>();
  });
});
