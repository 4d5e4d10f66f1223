// Tickets and complaints: create (from a call or by hand), read with their timeline, edit with a
// version check, link calls. Status changes are in case-workflow.service.ts. Every change is
// audited and leaves an event on the case's timeline.
import type {
  CaseCreateParsed,
  CaseList,
  CaseListQuery,
  CasePatch,
  CaseResponse,
  TimelineEntry,
} from '../../../contract/index.js';
import { isRunningCaseStatus } from '../../../contract/index.js';
import { canSeeCases } from '../customers/rules/access-policy.js';
import { canAssignTo, canEditCase } from './rules/case-access.js';
import { allowedActionsFor } from './rules/case-actions.js';
import { DomainError, fieldError, invalid, notFound } from '../platform/domain-error.js';
import { documentKeys } from '../platform/search-tokens.js';
import type { Db } from '../platform/db/database.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { CaseRepository, ListCursor } from './data/case.repository.js';
import type { CaseColumns, CaseRecord, CaseWriteRepository } from './data/case-write.repository.js';
import type { InteractionRepository } from '../cti/data/interaction.repository.js';
import type { Clock } from '../platform/clock.js';
import { clockTimes } from './rules/case-clock-times.js';
import type { SlaSettings } from './sla-settings.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { RequestContext } from '../identity/request-context.js';
import type { UserDirectory } from '../identity/user-directory.js';
import { admitCallToCase } from './call-link.js';
import { msg, type Message } from '../platform/i18n/message.js';

export interface CaseServiceDeps {
  db: Db;
  cases: CaseRepository;
  writes: CaseWriteRepository;
  interactions: InteractionRepository;
  customers: CustomerService;
  users: UserDirectory;
  audit: AuditRepository;
  sla: SlaSettings;
  clock: Clock;
}

export const conflict = () =>
  new DomainError('CONFLICT', msg('case.changedMeanwhile'));

/** The fields of a patch as columns, with the names the timeline shows. */
const PATCH_COLUMNS: Record<Exclude<keyof CasePatch, 'version'>, keyof CaseColumns> = {
  subject: 'subject',
  description: 'description',
  priority: 'priority',
  category: 'category',
  tags: 'tags',
  assigneeId: 'assignee_id',
  teamId: 'team_id',
  channel: 'channel',
  severity: 'severity',
  rootCause: 'root_cause',
  resolution: 'resolution',
  compensation: 'compensation',
  customerConfirmed: 'customer_confirmed',
};

export class CaseService {
  constructor(private readonly d: CaseServiceDeps) {}

  private now(): Date {
    return new Date(this.d.clock.now());
  }

  /** Loads a case the viewer may see (its customer, and cases at all), or refuses. */
  async assertCanSee(ctx: RequestContext, id: number): Promise<number> {
    if (!canSeeCases(ctx.viewer)) throw await this.deny(ctx, 'case.view', id);
    const customerId = await this.d.cases.customerOf(id);
    if (customerId === undefined) throw await this.d.customers.missing(ctx, 'Case', 'case.view', id);
    await this.d.customers.assertCanSee(ctx, customerId);
    return customerId;
  }

  async get(ctx: RequestContext, id: number): Promise<CaseResponse> {
    await this.assertCanSee(ctx, id);
    const now = this.now();
    const [read, events, interactions, csatScores] = await Promise.all([
      this.d.cases.detail(id, now),
      this.d.cases.events(id),
      this.d.interactions.linkedToCase(id),
      this.d.cases.csatScores(id),
    ]);
    if (!read) throw notFound('Case');
    const { detail, ownership } = read;
    // Every change answers with get(), so the buttons follow the case's new status and owner.
    const allowedActions = allowedActionsFor(ctx.viewer, ownership, {
      kind: detail.kind,
      status: detail.status,
      acknowledgedAt: detail.acknowledgedAt === null ? null : new Date(detail.acknowledgedAt),
    });
    const timeline: TimelineEntry[] = [
      ...events.map((e): TimelineEntry => ({ kind: 'event', at: e.at.toISOString(), actorName: e.actor_name, type: e.type, detail: e.detail })),
      ...interactions.map((i): TimelineEntry => ({ kind: 'interaction', at: i.startedAt, interaction: i })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { case: { ...detail, csatScores, allowedActions }, timeline };
  }

  async list(ctx: RequestContext, f: CaseListQuery): Promise<CaseList> {
    if (!canSeeCases(ctx.viewer)) throw await this.deny(ctx, 'case.list');
    const now = this.now();
    const cursor = f.before ? decodeListCursor(f.before) : undefined;
    const today = await this.d.sla.dayOf(now);
    const { items, last } = await this.d.cases.list(ctx.viewer, f, { now, endOfToday: today.end }, cursor);
    await this.d.audit.write({
      userId: ctx.viewer.id,
      action: 'case.list',
      entity: 'case',
      outcome: 'allowed',
      rowCount: items.length,
      ip: ctx.ip,
      requestId: ctx.requestId,
      // The search text is personal data: the entry keeps its keyed hash, not the words.
      detail: { ...f, q: undefined, before: undefined },
      ...(f.q === undefined ? {} : { searched: f.q }),
    });
    return { items, nextCursor: last ? encodeListCursor(last) : null };
  }

  async create(ctx: RequestContext, body: CaseCreateParsed): Promise<CaseResponse> {
    if (!canSeeCases(ctx.viewer) || ctx.viewer.role === 'marketer') throw await this.deny(ctx, 'case.create');
    await this.d.customers.assertCanSee(ctx, body.customerId);
    const assigneeId = body.assigneeId === undefined ? ctx.viewer.id : body.assigneeId;
    const assignee = assigneeId === null ? null : await this.d.users.mustFind(assigneeId, 'assigneeId');
    if (!canAssignTo(ctx.viewer, assigneeId, assignee?.teamId ?? null)) {
      throw invalid([fieldError('assigneeId', 'case.cannotAssign')]);
    }
    const teamId = body.teamId ?? assignee?.teamId ?? ctx.viewer.teamId;
    if (body.teamId) await this.d.users.mustFindTeam(body.teamId);
    const now = this.now();
    const severity = body.kind === 'complaint' ? (body.severity ?? null) : null;
    const { policy, calendar } = await this.d.sla.rules();
    const clocks = clockTimes(policy, calendar, { kind: body.kind, category: body.category ?? null, severity, priority: body.priority }, now);
    const id = await this.d.db.transaction(async (trx) => {
      const created = await this.d.writes.insert(
        trx,
        {
          kind: body.kind,
          customer_id: body.customerId,
          subject: body.subject,
          description: body.description ?? null,
          priority: body.priority,
          category: body.category ?? null,
          tags: body.tags,
          assignee_id: assigneeId,
          team_id: teamId,
          channel: body.kind === 'complaint' ? (body.channel ?? 'phone') : null,
          severity,
          ack_due_at: clocks.ackDueAt,
          ack_at_risk_at: clocks.ackAtRiskAt,
          resolve_due_at: clocks.resolveDueAt,
          resolve_at_risk_at: clocks.resolveAtRiskAt,
          created_by: ctx.viewer.id,
          created_at: now,
          updated_at: now,
        },
        (number) => documentKeys(number, body.subject),
      );
      await this.d.writes.addEvent(trx, created.id, ctx.viewer.id, 'created', { number: created.number, kind: body.kind, priority: body.priority, severity }, now);
      if (body.interactionId !== undefined) {
        await admitCallToCase(this.d.writes, trx, ctx.viewer, body.interactionId, body.customerId);
        await this.d.writes.link(trx, body.interactionId, created.id, ctx.viewer.id, now);
        await this.d.writes.addEvent(trx, created.id, ctx.viewer.id, 'linked', { interactionId: body.interactionId }, now);
      }
      return created.id;
    });
    await this.auditChange(ctx, 'case.create', id, { kind: body.kind, customerId: body.customerId, interactionId: body.interactionId });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: number, patch: CasePatch): Promise<CaseResponse> {
    await this.assertCanSee(ctx, id);
    const now = this.now();
    await this.d.db.transaction(async (trx) => {
      const c = await this.lockEditable(ctx, trx, id, 'case.update');
      if (c.version !== patch.version) throw conflict();
      const changes: CaseColumns = {};
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, keyof CaseColumns][]) {
        const to = patch[field];
        if (to === undefined) continue;
        const from = c[column as keyof CaseRecord];
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        (changes as Record<string, unknown>)[column] = to;
        changed[field] = { from, to };
      }
      if (c.kind === 'ticket' && (changes.severity !== undefined || changes.channel !== undefined || changes.root_cause !== undefined)) {
        throw invalid([fieldError('severity', 'case.complaintFieldsOnly')]);
      }
      if (c.kind === 'complaint' && changes.category !== undefined && !['product', 'service', 'billing', 'staff', 'other'].includes(String(changes.category))) {
        throw invalid([fieldError('category', 'case.complaintCategoryChoice')]);
      }
      if (changes.assignee_id !== undefined) {
        const assignee = changes.assignee_id === null ? null : await this.d.users.mustFind(changes.assignee_id, 'assigneeId');
        if (!canAssignTo(ctx.viewer, changes.assignee_id, assignee?.teamId ?? null)) {
          throw invalid([fieldError('assigneeId', 'case.cannotAssign')]);
        }
        if (assignee && patch.teamId === undefined) changes.team_id = assignee.teamId;
      }
      if (changes.team_id) await this.d.users.mustFindTeam(changes.team_id);
      // A new priority or severity sets new deadlines, counted from when the case was opened.
      if ((changes.priority !== undefined || changes.severity !== undefined || changes.category !== undefined) && isRunningCaseStatus(c.status)) {
        const { policy, calendar } = await this.d.sla.rules();
        const clocks = clockTimes(
          policy,
          calendar,
          { kind: c.kind, category: changes.category ?? c.category, severity: changes.severity ?? c.severity, priority: changes.priority ?? c.priority },
          c.created_at,
        );
        if (!c.acknowledged_at) Object.assign(changes, { ack_due_at: clocks.ackDueAt, ack_at_risk_at: clocks.ackAtRiskAt });
        if (!c.paused_at) Object.assign(changes, { resolve_due_at: clocks.resolveDueAt, resolve_at_risk_at: clocks.resolveAtRiskAt });
      }
      if (Object.keys(changes).length === 0) return;
      // The description is sealed at rest, so only the number and subject are search keys.
      const keys = changes.subject !== undefined ? documentKeys(c.number, changes.subject) : undefined;
      changes.updated_at = now;
      if ((await this.d.writes.update(trx, id, patch.version, changes, keys)) === null) throw conflict();
      const type = Object.keys(changed).length === 1 && changed.assigneeId ? 'assigned' : 'field';
      await this.d.writes.addEvent(trx, id, ctx.viewer.id, type, { changes: changed }, now);
      await this.auditChange(ctx, 'case.update', id, { fields: Object.keys(changed) }, trx);
    });
    return this.get(ctx, id);
  }

  async addNote(ctx: RequestContext, id: number, text: string): Promise<CaseResponse> {
    await this.assertCanSee(ctx, id);
    await this.d.db.transaction(async (trx) => {
      await this.lockEditable(ctx, trx, id, 'case.note');
      await this.d.writes.addEvent(trx, id, ctx.viewer.id, 'note', { text }, this.now());
      await trx('tickets').where('id', id).update({ updated_at: this.now(), version: trx.raw('version + 1') });
      await this.auditChange(ctx, 'case.note', id, {}, trx);
    });
    return this.get(ctx, id);
  }

  /** A logged try to reach the customer; a complaint may close on one when they never confirm. */
  async contactAttempt(ctx: RequestContext, id: number, note: string): Promise<CaseResponse> {
    await this.assertCanSee(ctx, id);
    await this.d.db.transaction(async (trx) => {
      await this.lockEditable(ctx, trx, id, 'case.contact_attempt');
      await trx('tickets').where('id', id).update({ contact_attempts: trx.raw('contact_attempts + 1'), updated_at: this.now(), version: trx.raw('version + 1') });
      await this.d.writes.addEvent(trx, id, ctx.viewer.id, 'contact_attempt', { note }, this.now());
      await this.auditChange(ctx, 'case.contact_attempt', id, {}, trx);
    });
    return this.get(ctx, id);
  }

  /** Ties a call to a case. Anyone who may see the case may link their own call to it. */
  async link(ctx: RequestContext, id: number, interactionId: number): Promise<CaseResponse> {
    const customerId = await this.assertCanSee(ctx, id);
    const now = this.now();
    await this.d.db.transaction(async (trx) => {
      await admitCallToCase(this.d.writes, trx, ctx.viewer, interactionId, customerId);
      if (await this.d.writes.link(trx, interactionId, id, ctx.viewer.id, now)) {
        await this.d.writes.addEvent(trx, id, ctx.viewer.id, 'linked', { interactionId }, now);
        await this.auditChange(ctx, 'case.link', id, { interactionId }, trx);
      }
    });
    return this.get(ctx, id);
  }

  async unlink(ctx: RequestContext, id: number, interactionId: number): Promise<CaseResponse> {
    await this.assertCanSee(ctx, id);
    await this.d.db.transaction(async (trx) => {
      await this.lockEditable(ctx, trx, id, 'case.unlink');
      if (await this.d.writes.unlink(trx, interactionId, id)) {
        await this.d.writes.addEvent(trx, id, ctx.viewer.id, 'unlinked', { interactionId }, this.now());
        await this.auditChange(ctx, 'case.unlink', id, { interactionId }, trx);
      }
    });
    return this.get(ctx, id);
  }

  /** Locks the row and checks the viewer may change it. */
  async lockEditable(ctx: RequestContext, trx: Parameters<CaseWriteRepository['lock']>[0], id: number, action: string): Promise<CaseRecord> {
    const c = await this.d.writes.lock(trx, id);
    if (!c) throw notFound('Case');
    const ownership = { assigneeId: c.assignee_id, createdBy: c.created_by, teamId: c.team_id, assigneeTeamId: c.assignee_team_id ?? null };
    if (!canEditCase(ctx.viewer, ownership)) throw await this.deny(ctx, action, id, msg('case.editOwnOnly'));
    return c;
  }

  async auditChange(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, db?: Parameters<CaseWriteRepository['lock']>[0]): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'case', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, db);
  }

  private async deny(ctx: RequestContext, action: string, id?: number, message: Message = msg('access.forbidden')): Promise<DomainError> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'case', entityId: id, outcome: 'denied', ip: ctx.ip, requestId: ctx.requestId });
    return new DomainError('FORBIDDEN', message).markAudited();
  }
}

function encodeListCursor(c: ListCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
}

function decodeListCursor(s: string): ListCursor {
  const [at, id] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  const n = Number(id);
  if (Number.isNaN(createdAt.getTime()) || !Number.isSafeInteger(n) || n <= 0) {
    throw invalid([fieldError('before', 'request.badCursor')]);
  }
  return { createdAt, id: n };
}
