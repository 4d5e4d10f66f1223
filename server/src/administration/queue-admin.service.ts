// Queues, set up by admins: name, numbers, members with levels and every routing setting. Every
// change is audited with its before and after in the transaction that makes it, and routing
// reloads after it commits, so the next routing decision follows it without a restart.
import type { z } from 'zod';
import type { AdminQueue, AdminQueueListQuery, AdminQueuePage, QueueMember } from '../../../contract/index.js';
import { roleTakesCalls, type AdminQueueCreate, type AdminQueuePatch, type Role } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, forbidden, invalid, notFound, type KeyedFieldError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { QueueAdminRepository, type QueueColumns } from './data/queue-admin.repository.js';
import { changedFields } from './rules/changes.js';
import { normaliseNumbers } from './rules/phone-numbers.js';

export interface RoutingEffects {
  /** Queues, numbers, members or levels changed: routing reloads them. */
  routingChanged(): Promise<void>;
}

export interface QueueAdminDeps {
  db: Db;
  audit: AuditRepository;
  /** A written number in E.164 (the site's default region), or null. */
  normalize(raw: string): string | null;
  effects: RoutingEffects;
}

type CreateInput = z.output<typeof AdminQueueCreate>;
type PatchInput = z.output<typeof AdminQueuePatch>;
type Settings = Omit<PatchInput, 'version' | 'numbers' | 'members' | 'active'>;

const changedMeanwhile = () => new DomainError('CONFLICT', msg('queue.changedMeanwhile'));

/** What the audit log compares: the whole queue as an admin sees it, members by id and level. */
const audited = (q: AdminQueue) => {
  const { id: _id, version: _v, members, ...rest } = q;
  return { ...rest, members: members.map((m) => ({ userId: m.userId, skillLevel: m.skillLevel })) };
};

/** The settings as table columns (only those given). */
function columnsOf(s: Settings): QueueColumns {
  const c: QueueColumns = {};
  if (s.displayName !== undefined) c.display_name = s.displayName;
  if (s.skillId !== undefined) c.skill_id = s.skillId;
  if (s.teamId !== undefined) c.team_id = s.teamId;
  if (s.tierWeights !== undefined) c.tier_weights = JSON.stringify(s.tierWeights);
  if (s.ringSeconds !== undefined) c.ring_seconds = s.ringSeconds;
  if (s.maxWaitSeconds !== undefined) c.max_wait_seconds = s.maxWaitSeconds;
  if (s.maxSize !== undefined) c.max_size = s.maxSize;
  if (s.overflowQueueId !== undefined) c.overflow_queue_id = s.overflowQueueId;
  if (s.wrapUpSeconds !== undefined) c.wrap_up_seconds = s.wrapUpSeconds;
  if (s.csatEnabled !== undefined) c.csat_enabled = s.csatEnabled;
  if (s.serviceLevelSeconds !== undefined) c.service_level_seconds = s.serviceLevelSeconds;
  if (s.serviceLevelFormula !== undefined) c.service_level_formula = s.serviceLevelFormula;
  if (s.shortAbandonSeconds !== undefined) c.short_abandon_seconds = s.shortAbandonSeconds;
  if (s.openingHours !== undefined) c.opening_hours = s.openingHours === null ? null : JSON.stringify(s.openingHours);
  if (s.outOfHoursQueueId !== undefined) c.out_of_hours_queue_id = s.outOfHoursQueueId;
  if (s.recordingPolicy !== undefined) c.recording_policy = s.recordingPolicy;
  return c;
}

export class QueueAdminService {
  private readonly queues: QueueAdminRepository;

  constructor(private readonly d: QueueAdminDeps) {
    this.queues = new QueueAdminRepository(d.db);
  }

  private requireAdmin(ctx: RequestContext): void {
    if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.setupAdminsOnly'));
  }

  /** Supervisors read queues too: they put their own agents in them. */
  async list(ctx: RequestContext, query: AdminQueueListQuery): Promise<AdminQueuePage> {
    if (ctx.viewer.role !== 'admin' && ctx.viewer.role !== 'supervisor') throw forbidden(msg('admin.setupAdminsOnly'));
    const items = await this.queues.list(query);
    return { items, nextAfter: items.length === query.limit ? items[items.length - 1]!.id : null };
  }

  async get(ctx: RequestContext, id: number): Promise<AdminQueue> {
    if (ctx.viewer.role !== 'admin' && ctx.viewer.role !== 'supervisor') throw forbidden(msg('admin.setupAdminsOnly'));
    const q = await this.queues.find(id);
    if (!q) throw notFound('Queue');
    return q;
  }

  async create(ctx: RequestContext, input: CreateInput): Promise<AdminQueue> {
    this.requireAdmin(ctx);
    const { name, numbers, members, ...settings } = input;
    const e164s = normaliseNumbers(numbers, this.d.normalize);
    const queue = await this.saving(() =>
      this.d.db.transaction(async (trx) => {
        await this.checkReferences(trx, settings, null);
        const memberRows = await this.checkMembers(trx, members);
        await this.checkNumbersFree(trx, e164s, null);
        const id = await this.queues.insert(trx, { ...columnsOf(settings), name, display_name: settings.displayName ?? name });
        await this.queues.setNumbers(trx, id, e164s);
        await this.queues.setMembers(trx, id, memberRows);
        const created = (await this.queues.find(id, trx))!;
        await this.write(ctx, 'admin.queue.created', id, { after: audited(created) }, trx);
        return created;
      }),
    );
    await this.d.effects.routingChanged();
    return queue;
  }

  async update(ctx: RequestContext, id: number, patch: PatchInput): Promise<AdminQueue> {
    this.requireAdmin(ctx);
    const { version, numbers, members, active, ...settings } = patch;
    const e164s = numbers === undefined ? undefined : normaliseNumbers(numbers, this.d.normalize);
    const after = await this.saving(() =>
      this.d.db.transaction(async (trx) => {
        const before = await this.queues.find(id, trx);
        if (!before) throw notFound('Queue');
        if (before.version !== version) throw changedMeanwhile();
        await this.checkReferences(trx, settings, id);
        const memberRows = members === undefined ? undefined : await this.checkMembers(trx, members);
        if (e164s) await this.checkNumbersFree(trx, e164s, id);
        const columns = { ...columnsOf(settings), ...(active !== undefined ? { active } : {}) };
        if (!(await this.queues.update(trx, id, version, columns))) throw changedMeanwhile();
        if (e164s) await this.queues.setNumbers(trx, id, e164s);
        if (memberRows) await this.queues.setMembers(trx, id, memberRows);
        const after = (await this.queues.find(id, trx))!;
        const change = changedFields(audited(before), audited(after));
        const action = before.active && !after.active ? 'admin.queue.deactivated' : !before.active && after.active ? 'admin.queue.reactivated' : 'admin.queue.updated';
        if (change) await this.write(ctx, action, id, change, trx);
        return after;
      }),
    );
    await this.d.effects.routingChanged();
    return after;
  }

  /** Skill, team and the queues callers are sent to must exist; a queue never overflows into itself. */
  private async checkReferences(trx: Db, s: Settings, self: number | null): Promise<void> {
    const errors: KeyedFieldError[] = [];
    if (s.skillId != null && !(await trx('skills').where('id', s.skillId).first('id'))) errors.push(fieldError('skillId', 'skill.noSuchSkill'));
    if (s.teamId != null && !(await trx('teams').where('id', s.teamId).first('id'))) errors.push(fieldError('teamId', 'team.noSuchTeam'));
    for (const field of ['overflowQueueId', 'outOfHoursQueueId'] as const) {
      const target = s[field];
      if (target == null) continue;
      if (target === self) errors.push(fieldError(field, 'queue.notItself'));
      else if (!(await this.queues.exists(trx, target))) errors.push(fieldError(field, 'queue.noSuchQueue'));
    }
    if (errors.length) throw invalid(errors);
  }

  /** Members are active people who take calls, each once. */
  private async checkMembers(trx: Db, members: readonly QueueMember[]): Promise<{ userId: number; skillLevel: number }[]> {
    const ids = members.map((m) => m.userId);
    const users = (await trx('users').whereIn('id', ids).select('id', 'role', 'disabled')) as { id: number; role: Role; disabled: boolean }[];
    const ok = new Set(users.filter((u) => !u.disabled && roleTakesCalls(u.role)).map((u) => u.id));
    const errors: KeyedFieldError[] = [];
    const seen = new Set<number>();
    members.forEach((m, i) => {
      if (!ok.has(m.userId)) errors.push(fieldError(`members.${i}.userId`, 'queue.memberTakesCalls'));
      else if (seen.has(m.userId)) errors.push(fieldError(`members.${i}.userId`, 'queue.memberRepeated'));
      seen.add(m.userId);
    });
    if (errors.length) throw invalid(errors);
    return members.map((m) => ({ userId: m.userId, skillLevel: m.skillLevel ?? 1 }));
  }

  /** One number, one destination: a number another queue or an agent has is refused by name. */
  private async checkNumbersFree(trx: Db, e164s: readonly string[], self: number | null): Promise<void> {
    if (e164s.length === 0) return;
    const held = await this.queues.numberHolders(trx, e164s, self);
    const errors = e164s.flatMap((n, i) => (held.has(n) ? [fieldError(`numbers.${i}`, 'phoneNumber.taken', { number: n, name: held.get(n)! })] : []));
    if (errors.length) throw invalid(errors);
  }

  private async write(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'queue', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  /** A name or number another save took first is a field error, not a 500. */
  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === 'queues_name_unique') throw invalid([fieldError('name', 'queue.nameTaken')]);
      if (constraint === 'phone_numbers_e164_unique') throw invalid([fieldError('numbers', 'phoneNumber.takenMeanwhile')]);
      throw err;
    }
  }
}
