// Status changes of tickets and complaints with their clocks, follow-up tasks (回访) and each
// agent's "my work". The rules are pure (domain/cases); this applies them in one transaction.
import type { Knex } from 'knex';
import type {
  CaseResponse,
  CaseTransitionRequest,
  FollowUpCreate,
  FollowUpList,
  FollowUpOutcomeRequest,
  FollowUpTask,
  MyWork,
} from '../../../contract/index.js';
import { canSeeCases } from '../customers/rules/access-policy.js';
import { clockTimes, resumedResolveTimes } from './rules/case-clock-times.js';
import { applyCaseTransition, type CaseAction, type CaseChanges } from './rules/case-status.js';
import { autoFollowUpOnResolve, recordOutcome } from './rules/follow-up.js';
import { addDuration, businessHours } from './rules/sla-duration.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import type { CaseColumns, CaseRecord } from './data/case-write.repository.js';
import type { FollowUpRecord, FollowUpRepository } from './data/follow-up.repository.js';
import type { CaseService, CaseServiceDeps } from './case.service.js';
import { conflict } from './case.service.js';
import type { RequestContext } from '../identity/request-context.js';
import type { DialIntents } from '../cti/dial-intents.js';
import { admitCallToCase } from './call-link.js';
import { msg } from '../platform/i18n/message.js';

export interface CaseWorkflowDeps extends CaseServiceDeps {
  followUps: FollowUpRepository;
  caseService: CaseService;
  dialIntents: DialIntents;
}

export class CaseWorkflowService {
  constructor(private readonly d: CaseWorkflowDeps) {}

  private now(): Date {
    return new Date(this.d.clock.now());
  }

  async transition(ctx: RequestContext, id: number, req: CaseTransitionRequest): Promise<CaseResponse> {
    await this.d.caseService.assertCanSee(ctx, id);
    const now = this.now();
    await this.d.db.transaction(async (trx) => {
      const c = await this.d.caseService.lockEditable(ctx, trx, id, `case.${req.action}`);
      if (c.version !== req.version) throw conflict();
      const action: CaseAction = req.action === 'resolve' ? { type: 'resolve', resolution: req.resolution, rootCause: req.rootCause } : { type: req.action };
      const columns = await this.applyTransition(c, action, now);
      if ((await this.d.writes.update(trx, id, req.version, columns)) === null) throw conflict();
      await this.d.writes.addEvent(trx, id, ctx.viewer.id, 'status', { action: req.action, from: c.status, to: columns.status ?? c.status, note: req.note ?? null }, now);
      if (req.action === 'resolve') await this.scheduleConfirmation(trx, c, now, ctx.viewer.id);
      if (req.action === 'reopen') await this.cancelPendingFollowUps(trx, id, now);
      await this.d.caseService.auditChange(ctx, `case.${req.action}`, id, { from: c.status, to: columns.status }, trx);
    });
    return this.d.caseService.get(ctx, id);
  }

  /** The rule's changes as columns, with the resolution clock paused, resumed, stopped or restarted. */
  private async applyTransition(c: CaseRecord, action: CaseAction, now: Date): Promise<CaseColumns> {
    const t = applyCaseTransition(
      {
        kind: c.kind,
        status: c.status,
        acknowledgedAt: c.acknowledged_at,
        resolution: c.resolution,
        rootCause: c.root_cause,
        customerConfirmed: c.customer_confirmed,
        contactAttempts: c.contact_attempts,
        closedAt: c.closed_at,
      },
      action,
      now,
    );
    const columns = changesToColumns(t.changes);
    const { policy, calendar } = await this.d.sla.rules();
    const subject = { kind: c.kind, category: c.category, severity: c.severity, priority: c.priority };
    switch (t.resolveClock) {
      case 'pause':
        columns.paused_at = now;
        break;
      case 'resume':
        if (c.paused_at && c.resolve_due_at) {
          const r = resumedResolveTimes(policy, calendar, subject, c.paused_at, c.resolve_due_at, c.resolve_at_risk_at, now);
          Object.assign(columns, { resolve_due_at: r.resolveDueAt, resolve_at_risk_at: r.resolveAtRiskAt });
        }
        columns.paused_at = null;
        break;
      case 'stop':
        columns.paused_at = null;
        break;
      case 'restart': {
        const r = clockTimes(policy, calendar, subject, now);
        Object.assign(columns, { resolve_due_at: r.resolveDueAt, resolve_at_risk_at: r.resolveAtRiskAt, paused_at: null });
        // The new deadline may warn and escalate again; the old one's firings stay in history.
        columns.sla_state = { ...c.sla_state, resolve: {} };
        break;
      }
    }
    // The sweep's due condition sees changed instants itself: the next pass decides again.
    columns.updated_at = now;
    return columns;
  }

  private async scheduleConfirmation(trx: Knex.Transaction, c: CaseRecord, now: Date, actorId: number): Promise<void> {
    const { followUp, calendar } = await this.d.sla.rules();
    const due = autoFollowUpOnResolve(followUp, calendar, now, c.kind);
    if (!due) return;
    const taskId = await this.d.followUps.insert(trx, {
      ticket_id: c.id,
      interaction_id: null,
      customer_id: c.customer_id,
      assignee_id: c.assignee_id,
      team_id: c.team_id,
      due_at: due,
      reason: 'on_resolve',
      note: null,
      created_by: actorId,
    });
    await this.d.writes.addEvent(trx, c.id, actorId, 'follow_up', { taskId, dueAt: due.toISOString(), reason: 'on_resolve' }, now);
  }

  private async cancelPendingFollowUps(trx: Knex.Transaction, caseId: number, now: Date): Promise<void> {
    await trx('follow_up_tasks').where({ ticket_id: caseId, status: 'pending' }).update({ status: 'cancelled', completed_at: now, version: trx.raw('version + 1') });
  }

  // ── follow-ups ───────────────────────────────────────────────────────────────

  async createFollowUp(ctx: RequestContext, req: FollowUpCreate): Promise<FollowUpTask> {
    await this.d.caseService.assertCanSee(ctx, req.caseId);
    const now = this.now();
    const dueAt = new Date(req.dueAt);
    const id = await this.d.db.transaction(async (trx) => {
      const c = await this.d.caseService.lockEditable(ctx, trx, req.caseId, 'follow_up.create');
      const assigneeId = req.assigneeId === undefined ? (c.assignee_id ?? ctx.viewer.id) : req.assigneeId;
      if (assigneeId !== null) await this.d.users.mustFind(assigneeId, 'assigneeId');
      const taskId = await this.d.followUps.insert(trx, {
        ticket_id: c.id,
        interaction_id: null,
        customer_id: c.customer_id,
        assignee_id: assigneeId,
        team_id: req.teamId ?? c.team_id,
        due_at: dueAt,
        reason: 'manual',
        note: req.note ?? null,
        created_by: ctx.viewer.id,
      });
      await this.d.writes.addEvent(trx, c.id, ctx.viewer.id, 'follow_up', { taskId, dueAt: dueAt.toISOString(), reason: 'manual', note: req.note ?? null }, now);
      await this.d.caseService.auditChange(ctx, 'follow_up.create', c.id, { taskId }, trx);
      return taskId;
    });
    return (await this.d.followUps.get(id))!;
  }

  /** The outcome of a follow-up call: done, reopen the case, or try again later. */
  async recordFollowUpOutcome(ctx: RequestContext, id: number, req: FollowUpOutcomeRequest): Promise<FollowUpTask> {
    const now = this.now();
    const { calendar, followUp } = await this.d.sla.rules();
    await this.d.db.transaction(async (trx) => {
      const task = await this.d.followUps.lock(trx, id);
      if (!task) throw notFound('Follow-up');
      this.assertMayWork(ctx, task);
      if (task.version !== req.version) throw new DomainError('CONFLICT', msg('followUp.changedMeanwhile'));
      const c = task.ticket_id === null ? undefined : await this.d.writes.lock(trx, task.ticket_id);
      const result = recordOutcome(
        { status: task.status, attempts: task.attempts, dueAt: task.due_at, caseKind: c?.kind ?? 'ticket' },
        req.outcome,
        now,
        calendar,
        followUp,
      );
      if (req.interactionId !== undefined) await this.linkCall(ctx, trx, task, req.interactionId, now);
      await this.d.followUps.update(trx, id, task.version, {
        status: result.task.status,
        outcome: result.task.outcome,
        attempts: result.task.attempts,
        due_at: result.task.dueAt,
        completed_at: result.task.completedAt,
        note: req.note ?? null,
        last_interaction_id: req.interactionId ?? null,
      });
      if (c) await this.applyCaseEffects(ctx, trx, c, result, req, now);
      // The follow-up's own entry: a low-satisfaction callback has no case to file it under.
      await this.d.audit.write(
        { userId: ctx.viewer.id, action: 'follow_up.outcome', entity: 'follow_up', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { caseId: c?.id ?? null, outcome: req.outcome } },
        trx,
      );
    });
    return (await this.d.followUps.get(id))!;
  }

  private async applyCaseEffects(
    ctx: RequestContext,
    trx: Knex.Transaction,
    c: CaseRecord,
    result: ReturnType<typeof recordOutcome>,
    req: FollowUpOutcomeRequest,
    now: Date,
  ): Promise<void> {
    const e = result.caseEffects;
    const columns: CaseColumns = {};
    if (e.customerConfirmed) columns.customer_confirmed = true;
    if (e.contactAttempt) columns.contact_attempts = c.contact_attempts + 1;
    if (e.reopen && (c.status === 'resolved' || c.status === 'closed')) Object.assign(columns, await this.applyTransition(c, { type: 'reopen' }, now));
    await this.d.writes.addEvent(trx, c.id, ctx.viewer.id, 'follow_up', { outcome: req.outcome, note: req.note ?? null, gaveUp: result.notifyOwner, nextDueAt: result.retryDueAt?.toISOString() ?? null }, now);
    if (e.reopen) await this.d.writes.addEvent(trx, c.id, ctx.viewer.id, 'status', { action: 'reopen', from: c.status, to: 'open', note: 'The customer says it is not solved' }, now);
    if (Object.keys(columns).length > 0 && (await this.d.writes.update(trx, c.id, c.version, { ...columns, updated_at: now })) === null) throw conflict();
  }

  private async linkCall(ctx: RequestContext, trx: Knex.Transaction, task: FollowUpRecord, interactionId: number, now: Date): Promise<void> {
    await admitCallToCase(this.d.writes, trx, ctx.viewer, interactionId, task.customer_id);
    if (task.ticket_id !== null && (await this.d.writes.link(trx, interactionId, task.ticket_id, ctx.viewer.id, now))) {
      await this.d.writes.addEvent(trx, task.ticket_id, ctx.viewer.id, 'linked', { interactionId, followUpId: task.id }, now);
    }
  }

  /** The assignee works a task; an unassigned one anyone in its team; supervisors their team's; admins all. */
  private assertMayWork(ctx: RequestContext, t: FollowUpRecord): void {
    const v = ctx.viewer;
    const ok =
      v.role === 'admin' ||
      t.assignee_id === v.id ||
      (t.assignee_id === null && t.team_id !== null && t.team_id === v.teamId) ||
      (v.role === 'supervisor' && t.team_id !== null && t.team_id === v.teamId);
    if (!ok) throw forbidden(msg('followUp.assignedToOther'));
  }

  /**
   * The agent is about to call the customer for this task: their next outbound call to the
   * customer's number is tied to the case (tieDialledCall) once the switch logs it.
   */
  async startFollowUp(ctx: RequestContext, id: number): Promise<FollowUpTask> {
    const task = await this.d.followUps.get(id);
    if (!task) throw notFound('Follow-up');
    this.assertMayWork(ctx, { ...task, ticket_id: task.caseId, customer_id: task.customerId, assignee_id: task.assigneeId, team_id: task.teamId, due_at: new Date(task.dueAt) });
    if (task.status !== 'pending') throw new DomainError('CONFLICT', msg('followUp.already', { status: task.status }));
    if (!task.phone) throw invalid([fieldError('phone', 'followUp.noPhone')]);
    this.d.dialIntents.announce(ctx.viewer.id, { taskId: task.id, caseId: task.caseId, e164: task.phone });
    return task;
  }

  /** The outbound call of a started follow-up was logged: link it to the case and the task. */
  async tieDialledCall(agentId: number, e164: string, interactionId: number): Promise<void> {
    const intent = this.d.dialIntents.take(agentId, e164);
    if (!intent) return;
    const now = this.now();
    await this.d.db.transaction(async (trx) => {
      await trx('follow_up_tasks').where('id', intent.taskId).update({ last_interaction_id: interactionId });
      if (intent.caseId !== null && (await this.d.writes.link(trx, interactionId, intent.caseId, agentId, now))) {
        await this.d.writes.addEvent(trx, intent.caseId, agentId, 'linked', { interactionId, followUpId: intent.taskId }, now);
      }
    });
  }

  /**
   * A caller scored the call 1 or 2: a follow-up call for the supervisor of the call's queue,
   * tied to the case the call was about when there is one.
   */
  async lowCsatFollowUp(interactionId: number, score: number): Promise<void> {
    const row = await this.d.db('interactions as i')
      .leftJoin('queues as q', 'q.id', 'i.queue_id')
      .leftJoin('teams as t', 't.id', 'q.team_id')
      .select('i.customer_id', 'q.team_id', 't.supervisor_id', this.d.db.raw('(SELECT ticket_id FROM interaction_links l WHERE l.interaction_id = i.id ORDER BY linked_at LIMIT 1) AS ticket_id'))
      .where('i.id', interactionId)
      .first();
    // A caller nobody could identify cannot be called back by name; the score stays on the call.
    if (!row?.customer_id) return;
    const now = this.now();
    const { calendar } = await this.d.sla.rules();
    const due = addDuration(calendar, now, businessHours(4));
    await this.d.db.transaction(async (trx) => {
      const ticketId = row.ticket_id === null ? null : Number(row.ticket_id);
      const taskId = await this.d.followUps.insert(trx, {
        ticket_id: ticketId,
        interaction_id: interactionId,
        customer_id: Number(row.customer_id),
        assignee_id: row.supervisor_id ?? null,
        team_id: row.team_id ?? null,
        due_at: due,
        reason: 'low_csat',
        note: `Satisfaction score ${score}/5 · 满意度 ${score}/5`,
        created_by: null,
      });
      if (ticketId !== null) await this.d.writes.addEvent(trx, ticketId, null, 'follow_up', { taskId, reason: 'low_csat', score, dueAt: due.toISOString() }, now);
    });
  }

  async followUpsOfCase(ctx: RequestContext, caseId: number): Promise<FollowUpList> {
    await this.d.caseService.assertCanSee(ctx, caseId);
    return { items: await this.d.followUps.forCase(caseId) };
  }

  /** What is on the signed-in person's plate, soonest due first. */
  async myWork(ctx: RequestContext): Promise<MyWork> {
    if (!canSeeCases(ctx.viewer)) throw forbidden(msg('case.notForRole'));
    const now = this.now();
    const [cases, followUps] = await Promise.all([
      this.d.cases.openAssignedTo(ctx.viewer.id, now),
      this.d.followUps.pendingFor(ctx.viewer.id, ctx.viewer.teamId),
    ]);
    return { cases, followUps };
  }
}

function changesToColumns(c: CaseChanges): CaseColumns {
  const out: CaseColumns = { status: c.status };
  if (c.acknowledgedAt !== undefined) out.acknowledged_at = c.acknowledgedAt;
  if (c.resolvedAt !== undefined) out.resolved_at = c.resolvedAt;
  if (c.closedAt !== undefined) out.closed_at = c.closedAt;
  if (c.resolution !== undefined) out.resolution = c.resolution;
  if (c.rootCause !== undefined) out.root_cause = c.rootCause as CaseColumns['root_cause'];
  if (c.customerConfirmed !== undefined) out.customer_confirmed = c.customerConfirmed;
  if (c.contactAttempts !== undefined) out.contact_attempts = c.contactAttempts;
  return out;
}

