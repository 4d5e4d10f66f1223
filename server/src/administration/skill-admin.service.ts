// Named skills (admins), and each agent's skill levels and queues: admins edit anyone's, a
// supervisor only their own team's agents. The ACD offers a queue's call to the highest level
// among its free agents (acd/rules/acd-routing.ts); routing reloads after each change.
import type { AdminSkill, AdminSkillCreate, AdminSkillPatch, AgentRouting, AgentRoutingPut } from '../../../contract/index.js';
import { roleTakesCalls, type Role } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, forbidden, invalid, notFound, type KeyedFieldError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { changedFields } from './rules/changes.js';
import type { RoutingEffects } from './queue-admin.service.js';

export interface SkillAdminDeps {
  db: Db;
  audit: AuditRepository;
  effects: RoutingEffects;
}

const changedMeanwhile = () => new DomainError('CONFLICT', msg('skill.changedMeanwhile'));

export class SkillAdminService {
  constructor(private readonly d: SkillAdminDeps) {}

  private requireAdmin(ctx: RequestContext): void {
    if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.setupAdminsOnly'));
  }

  async list(ctx: RequestContext): Promise<AdminSkill[]> {
    if (ctx.viewer.role !== 'admin' && ctx.viewer.role !== 'supervisor') throw forbidden(msg('admin.setupAdminsOnly'));
    return this.skills(this.d.db);
  }

  async create(ctx: RequestContext, input: AdminSkillCreate): Promise<AdminSkill> {
    this.requireAdmin(ctx);
    return this.saving(() =>
      this.d.db.transaction(async (trx) => {
        const [row] = (await trx('skills').insert({ name: input.name }).returning('id')) as { id: number }[];
        const skill = (await this.skills(trx, row!.id))[0]!;
        await this.write(ctx, 'admin.skill.created', 'skill', skill.id, { after: { name: skill.name } }, trx);
        return skill;
      }),
    );
  }

  async update(ctx: RequestContext, id: number, patch: AdminSkillPatch): Promise<AdminSkill> {
    this.requireAdmin(ctx);
    return this.saving(() =>
      this.d.db.transaction(async (trx) => {
        const before = (await this.skills(trx, id))[0];
        if (!before) throw notFound('Skill');
        if ((await trx('skills').where({ id, version: patch.version }).update({ name: patch.name, version: trx.raw('version + 1') })) !== 1) throw changedMeanwhile();
        const after = (await this.skills(trx, id))[0]!;
        const change = changedFields({ name: before.name }, { name: after.name });
        if (change) await this.write(ctx, 'admin.skill.updated', 'skill', id, change, trx);
        return after;
      }),
    );
  }

  /** Agents lose the skill; queues that asked for it take any member. */
  async remove(ctx: RequestContext, id: number, version: number): Promise<void> {
    this.requireAdmin(ctx);
    await this.d.db.transaction(async (trx) => {
      const before = (await this.skills(trx, id))[0];
      if (!before) throw notFound('Skill');
      if ((await trx('skills').where({ id, version }).delete()) !== 1) throw changedMeanwhile();
      await this.write(ctx, 'admin.skill.removed', 'skill', id, { before: { name: before.name, agents: before.agents } }, trx);
    });
    await this.d.effects.routingChanged();
  }

  async routingOf(ctx: RequestContext, userId: number): Promise<AgentRouting> {
    await this.mayManage(ctx, this.d.db, userId);
    return this.routing(this.d.db, userId);
  }

  /** Replaces the agent's skills and/or queues (whichever is given). */
  async setRouting(ctx: RequestContext, userId: number, put: AgentRoutingPut): Promise<AgentRouting> {
    const after = await this.d.db.transaction(async (trx) => {
      await this.mayManage(ctx, trx, userId);
      await this.checkTargets(trx, put);
      const before = await this.routing(trx, userId);
      if (put.skills) {
        await trx('agent_skills').where('user_id', userId).delete();
        if (put.skills.length) await trx('agent_skills').insert(put.skills.map((s) => ({ user_id: userId, skill_id: s.skillId, level: s.level })));
      }
      if (put.queues) {
        await trx('queue_members').where('user_id', userId).delete();
        if (put.queues.length) await trx('queue_members').insert(put.queues.map((q) => ({ user_id: userId, queue_id: q.queueId, skill_level: q.skillLevel ?? 1 })));
        await trx('queues').whereIn('id', [...new Set([...before.queues.map((q) => q.queueId), ...put.queues.map((q) => q.queueId)])]).update({ version: trx.raw('version + 1') });
      }
      const after = await this.routing(trx, userId);
      const shape = (r: AgentRouting) => ({ skills: r.skills.map((s) => ({ skillId: s.skillId, level: s.level })), queues: r.queues.map((q) => ({ queueId: q.queueId, skillLevel: q.skillLevel })) });
      const change = changedFields(shape(before), shape(after));
      if (change) await this.write(ctx, 'admin.agent.routing-changed', 'user', userId, change, trx);
      return after;
    });
    await this.d.effects.routingChanged();
    return after;
  }

  /** Admins manage everyone who takes calls; a supervisor, the agents of the team they are in or lead. */
  private async mayManage(ctx: RequestContext, db: Db, userId: number): Promise<void> {
    const { viewer } = ctx;
    if (viewer.role !== 'admin' && viewer.role !== 'supervisor') throw forbidden(msg('admin.notYourTeam'));
    const u = (await db('users as u').leftJoin('teams as t', 't.id', 'u.team_id').where('u.id', userId).first('u.role', 'u.team_id', 't.supervisor_id')) as
      | { role: Role; team_id: number | null; supervisor_id: number | null }
      | undefined;
    if (!u) throw notFound('User');
    if (viewer.role === 'supervisor' && !(u.team_id !== null && (u.team_id === viewer.teamId || u.supervisor_id === viewer.id))) throw forbidden(msg('admin.notYourTeam'));
    if (!roleTakesCalls(u.role)) throw invalid([fieldError('userId', 'admin.agentsOnly')]);
  }

  private async checkTargets(trx: Db, put: AgentRoutingPut): Promise<void> {
    const errors: KeyedFieldError[] = [];
    const skillIds = new Set(((await trx('skills').select('id')) as { id: number }[]).map((r) => r.id));
    const queueIds = new Set(((await trx('queues').select('id')) as { id: number }[]).map((r) => r.id));
    const seenS = new Set<number>();
    put.skills?.forEach((s, i) => {
      if (!skillIds.has(s.skillId) || seenS.has(s.skillId)) errors.push(fieldError(`skills.${i}.skillId`, 'skill.noSuchSkill'));
      seenS.add(s.skillId);
    });
    const seenQ = new Set<number>();
    put.queues?.forEach((q, i) => {
      if (!queueIds.has(q.queueId) || seenQ.has(q.queueId)) errors.push(fieldError(`queues.${i}.queueId`, 'queue.noSuchQueue'));
      seenQ.add(q.queueId);
    });
    if (errors.length) throw invalid(errors);
  }

  private async routing(db: Db, userId: number): Promise<AgentRouting> {
    const u = (await db('users').where('id', userId).first('id', 'display_name', 'team_id')) as { id: number; display_name: string; team_id: number | null };
    const skills = (await db('agent_skills as a').join('skills as s', 's.id', 'a.skill_id').where('a.user_id', userId).orderBy('s.name').select('s.id', 's.name', 'a.level')) as {
      id: number;
      name: string;
      level: number;
    }[];
    const queues = (await db('queue_members as m').join('queues as q', 'q.id', 'm.queue_id').where('m.user_id', userId).orderBy('q.name').select('q.id', 'q.name', 'm.skill_level')) as {
      id: number;
      name: string;
      skill_level: number;
    }[];
    return {
      userId: u.id,
      displayName: u.display_name,
      teamId: u.team_id,
      skills: skills.map((s) => ({ skillId: s.id, name: s.name, level: s.level })),
      queues: queues.map((q) => ({ queueId: q.id, name: q.name, skillLevel: q.skill_level })),
    };
  }

  private async skills(db: Db, id?: number): Promise<AdminSkill[]> {
    const rows = (await db('skills as s')
      .modify((b) => {
        if (id !== undefined) b.where('s.id', id);
      })
      .orderBy('s.name')
      .select('s.id', 's.name', 's.version', db.raw('(SELECT count(*) FROM agent_skills a WHERE a.skill_id = s.id) AS agents'))) as { id: number; name: string; version: number; agents: string }[];
    return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, agents: Number(r.agents) }));
  }

  private async write(ctx: RequestContext, action: string, entity: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity, entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (uniqueViolation(err) === 'skills_name_unique') throw invalid([fieldError('name', 'skill.nameTaken')]);
      throw err;
    }
  }
}
