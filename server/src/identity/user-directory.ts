// People and teams as the case rules need them: who someone is, their team, and who they
// answer to (escalations go up this line).
import type { Db } from '../platform/db/database.js';
import type { UserOptions } from '../../../contract/index.js';
import { fieldError, invalid } from '../platform/domain-error.js';

export interface DirectoryUser {
  id: number;
  role: string;
  teamId: number | null;
  managerId: number | null;
  disabled: boolean;
}

export class UserDirectory {
  constructor(private readonly db: Db) {}

  async find(id: number): Promise<DirectoryUser | undefined> {
    const r = await this.db('users').select('id', 'role', 'team_id', 'manager_id', 'disabled').where('id', id).first();
    return r ? { id: r.id, role: r.role, teamId: r.team_id, managerId: r.manager_id, disabled: r.disabled } : undefined;
  }

  async mustFind(id: number, field: string): Promise<DirectoryUser> {
    const u = await this.find(id);
    if (!u || u.disabled) throw invalid([fieldError(field, 'user.noSuchUser')]);
    return u;
  }

  async mustFindTeam(id: number): Promise<void> {
    if (!(await this.db('teams').where('id', id).first())) throw invalid([fieldError('teamId', 'team.noSuchTeam')]);
  }

  /**
   * Who hears first when a case is at risk: the assignee's manager, else the case team's
   * supervisor. One level up is that person's own manager.
   */
  async escalationChain(assigneeId: number | null, teamId: number | null): Promise<{ first: number | null; second: number | null }> {
    let first: number | null = null;
    if (assigneeId !== null) first = (await this.find(assigneeId))?.managerId ?? null;
    if (first === null && teamId !== null) {
      const t = await this.db('teams').select('supervisor_id').where('id', teamId).first();
      first = (t?.supervisor_id as number | null) ?? null;
    }
    const second = first === null ? null : ((await this.find(first))?.managerId ?? null);
    return { first, second };
  }

  /** People cases can be assigned to, and teams: for pickers. No personal data beyond names. */
  async options(): Promise<UserOptions> {
    const users = await this.db('users')
      .select('id', 'display_name', 'role', 'team_id')
      .where('disabled', false)
      .whereIn('role', ['agent', 'supervisor', 'admin'])
      .orderBy('display_name');
    const teams = await this.db('teams').select('id', 'name').orderBy('name');
    return {
      users: users.map((u) => ({ id: u.id, displayName: u.display_name, role: u.role, teamId: u.team_id })),
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
    };
  }
}
