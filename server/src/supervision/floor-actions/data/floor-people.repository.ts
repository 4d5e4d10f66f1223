// The people the floor acts on, as the access rule needs them: name, role and team.
import type { Role } from '../../../../../contract/index.js';
import type { Db } from '../../../platform/db/database.js';

export interface FloorPersonRow {
  id: number;
  displayName: string;
  role: Role;
  teamId: number | null;
}

const toPerson = (r: { id: number; display_name: string; role: Role; team_id: number | null }): FloorPersonRow => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role,
  teamId: r.team_id,
});

export class FloorPeopleRepository {
  constructor(private readonly db: Db) {}

  /** An active user; undefined when there is none (or they were deactivated). */
  async find(id: number): Promise<FloorPersonRow | undefined> {
    const r = await this.db('users').select('id', 'display_name', 'role', 'team_id').where({ id, disabled: false }).first();
    return r ? toPerson(r) : undefined;
  }

  /** Active agents, of one team or (null) of every team, by name. */
  async agents(teamId: number | null): Promise<FloorPersonRow[]> {
    const q = this.db('users').select('id', 'display_name', 'role', 'team_id').where({ role: 'agent', disabled: false });
    if (teamId !== null) q.andWhere('team_id', teamId);
    return (await q.orderBy('display_name')).map(toPerson);
  }
}
