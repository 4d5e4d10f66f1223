// Teams, set up by admins: a name and the supervisor who leads it (escalations go to them).
import type { AdminTeam, AdminTeamCreate, AdminTeamPatch } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { TeamRepository } from './data/team.repository.js';
import { changedFields } from './rules/changes.js';

const LEADING_ROLES = new Set(['supervisor', 'admin']);

export class TeamAdminService {
  private readonly teams: TeamRepository;

  constructor(private readonly d: { db: Db; audit: AuditRepository }) {
    this.teams = new TeamRepository(d.db);
  }

  private requireAdmin(ctx: RequestContext): void {
    if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.adminsOnly'));
  }

  async list(ctx: RequestContext): Promise<AdminTeam[]> {
    this.requireAdmin(ctx);
    return this.teams.list();
  }

  async create(ctx: RequestContext, input: AdminTeamCreate): Promise<AdminTeam> {
    this.requireAdmin(ctx);
    return this.saving(() =>
      this.d.db.transaction(async (trx) => {
        if (input.supervisorId != null) await this.mustLead(trx, input.supervisorId);
        const id = await this.teams.insert(trx, { name: input.name, supervisor_id: input.supervisorId ?? null });
        const team = (await this.teams.find(id, trx))!;
        await this.write(ctx, 'admin.team.created', id, { after: { name: team.name, supervisorId: team.supervisorId } }, trx);
        return team;
      }),
    );
  }

  async update(ctx: RequestContext, id: number, patch: AdminTeamPatch): Promise<AdminTeam> {
    this.requireAdmin(ctx);
    return this.saving(() =>
      this.d.db.transaction(async (trx) => {
        const before = await this.teams.find(id, trx);
        if (!before) throw notFound('Team');
        if (patch.supervisorId != null) await this.mustLead(trx, patch.supervisorId);
        const changed = await this.teams.update(trx, id, patch.version, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.supervisorId !== undefined ? { supervisor_id: patch.supervisorId } : {}),
        });
        if (!changed) throw new DomainError('CONFLICT', msg('team.changedMeanwhile'));
        const after = (await this.teams.find(id, trx))!;
        const change = changedFields({ name: before.name, supervisorId: before.supervisorId }, { name: after.name, supervisorId: after.supervisorId });
        if (change) await this.write(ctx, 'admin.team.updated', id, change, trx);
        return after;
      }),
    );
  }

  private async mustLead(trx: Db, userId: number): Promise<void> {
    const u = await trx('users').where('id', userId).first('role', 'disabled');
    if (!u || u.disabled || !LEADING_ROLES.has(u.role)) throw invalid([fieldError('supervisorId', 'team.supervisorRole')]);
  }

  private async write(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'team', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (uniqueViolation(err) === 'teams_name_unique') throw invalid([fieldError('name', 'team.nameTaken')]);
      throw err;
    }
  }
}
