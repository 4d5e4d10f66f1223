// Users, set up by admins: create with an extension and a one-time password, edit, deactivate
// and reactivate, reset a password. Every change is audited with its before and after, in the
// transaction that makes it. Deactivation ends the user's sessions here and, through `effects`,
// their open consoles and phone registrations at once.
import type {
  AdminPasswordResetDone,
  AdminUser,
  AdminUserCreate,
  AdminUserCreated,
  AdminUserListQuery,
  AdminUserPage,
  AdminUserPatch,
} from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { AdminUserRepository, type UserColumns } from './data/admin-user.repository.js';
import { changedFields } from './rules/changes.js';
import { needsExtension, nextFreeExtension } from './rules/extension-allocation.js';
import { oneTimePassword } from './rules/one-time-password.js';

/** What else must follow a change, outside the database: consoles, phones, routing. */
export interface UserAdminEffects {
  /** The user's sessions ended (deactivated, or a new password): close their consoles and drop their phone registrations. */
  sessionsEnded(userId: number): void;
  /** Who can take calls, or in which team, changed: routing reloads its agents. */
  agentsChanged(): Promise<void>;
}

export interface UserAdminDeps {
  db: Db;
  audit: AuditRepository;
  hashPassword: (password: string) => Promise<string>;
  effects: UserAdminEffects;
}

const changedMeanwhile = () => new DomainError('CONFLICT', msg('user.changedMeanwhile'));

/** The columns an audit entry compares: never the password hash. */
const audited = (u: AdminUser) => ({
  displayName: u.displayName,
  role: u.role,
  teamId: u.teamId,
  extension: u.extension,
  locale: u.locale,
  active: u.active,
});

export class UserAdminService {
  private readonly users: AdminUserRepository;

  constructor(private readonly d: UserAdminDeps) {
    this.users = new AdminUserRepository(d.db);
  }

  private requireAdmin(ctx: RequestContext): void {
    if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.adminsOnly'));
  }

  async list(ctx: RequestContext, query: AdminUserListQuery): Promise<AdminUserPage> {
    this.requireAdmin(ctx);
    const items = await this.users.list(query);
    return { items, nextAfter: items.length === query.limit ? items[items.length - 1]!.id : null };
  }

  async get(ctx: RequestContext, id: number): Promise<AdminUser> {
    this.requireAdmin(ctx);
    const user = await this.users.find(id);
    if (!user) throw notFound('User');
    return user;
  }

  async create(ctx: RequestContext, input: AdminUserCreate): Promise<AdminUserCreated> {
    this.requireAdmin(ctx);
    const oneTime = input.password === undefined ? oneTimePassword() : undefined;
    const hash = await this.d.hashPassword(input.password ?? oneTime!);
    const user = await this.saving(async () =>
      this.d.db.transaction(async (trx) => {
        if (input.teamId != null) await this.mustFindTeam(trx, input.teamId);
        let extension = input.extension ?? null;
        if (input.extension === undefined && needsExtension(input.role)) {
          extension = nextFreeExtension(await this.users.extensionsInUse(trx));
          if (extension === null) throw invalid([fieldError('extension', 'user.noFreeExtension')]);
        }
        const id = await this.users.insert(trx, {
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          team_id: input.teamId ?? null,
          extension,
          locale: input.locale ?? null,
          password_hash: hash,
          must_change_password: oneTime !== undefined,
        });
        const created = (await this.users.find(id, trx))!;
        await this.write(ctx, 'admin.user.created', id, { after: { username: created.username, ...audited(created) } }, trx);
        return created;
      }),
    );
    await this.d.effects.agentsChanged();
    return oneTime === undefined ? { user } : { user, oneTimePassword: oneTime };
  }

  async update(ctx: RequestContext, id: number, patch: AdminUserPatch): Promise<AdminUser> {
    this.requireAdmin(ctx);
    const { version, active, ...fields } = patch;
    const { before, after } = await this.saving(async () =>
      this.d.db.transaction(async (trx) => {
        const before = await this.users.find(id, trx);
        if (!before) throw notFound('User');
        if (before.version !== version) throw changedMeanwhile();
        if (id === ctx.viewer.id && (active === false || (fields.role !== undefined && fields.role !== 'admin'))) {
          throw new DomainError('CONFLICT', msg('user.notYourself'));
        }
        if (fields.teamId != null) await this.mustFindTeam(trx, fields.teamId);
        const columns: UserColumns = {
          ...(fields.displayName !== undefined ? { display_name: fields.displayName } : {}),
          ...(fields.role !== undefined ? { role: fields.role } : {}),
          ...(fields.teamId !== undefined ? { team_id: fields.teamId } : {}),
          ...(fields.extension !== undefined ? { extension: fields.extension } : {}),
          ...(fields.locale !== undefined ? { locale: fields.locale } : {}),
          ...(active !== undefined ? { disabled: !active } : {}),
        };
        if (!(await this.users.update(trx, id, version, columns))) throw changedMeanwhile();
        const after = (await this.users.find(id, trx))!;
        await this.mustKeepAnAdmin(trx);
        if (before.active && !after.active) await this.users.endSessions(trx, id);
        const change = changedFields(audited(before), audited(after));
        if (change) await this.write(ctx, this.actionOf(before, after), id, change, trx);
        return { before, after };
      }),
    );
    if (before.active && !after.active) this.d.effects.sessionsEnded(id);
    await this.d.effects.agentsChanged();
    return after;
  }

  /** A new one-time password, shown once; the user sets their own at the next sign-in. */
  async resetPassword(ctx: RequestContext, id: number, version: number): Promise<AdminPasswordResetDone> {
    this.requireAdmin(ctx);
    const oneTime = oneTimePassword();
    const hash = await this.d.hashPassword(oneTime);
    const user = await this.d.db.transaction(async (trx) => {
      const before = await this.users.find(id, trx);
      if (!before) throw notFound('User');
      if (!(await this.users.update(trx, id, version, { password_hash: hash, must_change_password: true }))) throw changedMeanwhile();
      // Whoever knew the old password is signed out with it.
      await this.users.endSessions(trx, id);
      await this.write(ctx, 'admin.user.password-reset', id, {}, trx);
      return (await this.users.find(id, trx))!;
    });
    this.d.effects.sessionsEnded(id);
    return { user, oneTimePassword: oneTime };
  }

  private actionOf(before: AdminUser, after: AdminUser): string {
    if (before.active && !after.active) return 'admin.user.deactivated';
    if (!before.active && after.active) return 'admin.user.reactivated';
    return 'admin.user.updated';
  }

  private async mustFindTeam(trx: Db, teamId: number): Promise<void> {
    if (!(await trx('teams').where('id', teamId).first('id'))) throw invalid([fieldError('teamId', 'team.noSuchTeam')]);
  }

  /** Nobody can lock the site out of its own administration. */
  private async mustKeepAnAdmin(trx: Db): Promise<void> {
    const admins = await trx('users').where({ role: 'admin', disabled: false }).count<{ n: string }[]>('* as n');
    if (Number(admins[0]?.n ?? 0) === 0) throw new DomainError('CONFLICT', msg('user.lastAdmin'));
  }

  private async write(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'user', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  /** A name or extension another save took first is a field error, not a 500. */
  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === 'users_username_unique') throw invalid([fieldError('username', 'user.usernameTaken')]);
      if (constraint === 'users_extension_unique') throw invalid([fieldError('extension', 'user.extensionTaken')]);
      throw err;
    }
  }
}
