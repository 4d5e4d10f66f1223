// Teams as the administration reads and edits them, with their supervisor and head count.
import type { Knex } from 'knex';
import type { AdminTeam } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

interface TeamRow {
  id: number;
  name: string;
  supervisor_id: number | null;
  supervisor_name: string | null;
  members: string | number;
  version: number;
}

const toAdminTeam = (r: TeamRow): AdminTeam => ({
  id: r.id,
  name: r.name,
  supervisorId: r.supervisor_id,
  supervisorName: r.supervisor_name,
  members: Number(r.members),
  version: r.version,
});

export class TeamRepository {
  constructor(private readonly db: Db) {}

  private base(db: Knex = this.db) {
    return db('teams as t')
      .leftJoin('users as s', 's.id', 't.supervisor_id')
      .select<TeamRow[]>(
        't.id',
        't.name',
        't.supervisor_id',
        's.display_name as supervisor_name',
        't.version',
        db.raw('(SELECT count(*) FROM users m WHERE m.team_id = t.id AND NOT m.disabled) AS members'),
      );
  }

  async list(): Promise<AdminTeam[]> {
    return (await this.base().orderBy('t.name')).map(toAdminTeam);
  }

  async find(id: number, db: Knex = this.db): Promise<AdminTeam | undefined> {
    const row = await this.base(db).where('t.id', id).first();
    return row ? toAdminTeam(row) : undefined;
  }

  async insert(trx: Knex.Transaction, c: { name: string; supervisor_id: number | null }): Promise<number> {
    const [row] = await trx('teams').insert(c).returning('id');
    return (row as { id: number }).id;
  }

  async update(trx: Knex.Transaction, id: number, version: number, c: { name?: string; supervisor_id?: number | null }): Promise<boolean> {
    const n = await trx('teams').where({ id, version }).update({ ...c, version: trx.raw('version + 1') });
    return n === 1;
  }
}
