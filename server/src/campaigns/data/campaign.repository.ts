// Campaigns, their agents and their lead counts. snake_case stops here: one mapper per table.
import type { Knex } from 'knex';
import { CampaignRules, LEAD_STATUSES, type Campaign, type CampaignCreate, type CampaignStatus, type LeadCounts, type LeadStatus } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { isoRequired } from '../../platform/db/row-mapping.js';

interface CampaignRow {
  id: number;
  name: string;
  purpose: Campaign['purpose'];
  mode: Campaign['mode'];
  status: CampaignStatus;
  rules: unknown;
  owner_id: number;
  owner_name: string | null;
  version: number;
  created_at: Date;
  agent_ids: number[] | null;
}

/** Rules stored before a default was added still read whole: parsing fills the defaults. */
const rulesOf = (raw: unknown): CampaignRules => {
  const r = CampaignRules.safeParse(raw ?? {});
  return r.success ? r.data : CampaignRules.parse({});
};

function toCampaign(r: CampaignRow, leads: LeadCounts): Campaign {
  return {
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    mode: r.mode,
    status: r.status,
    rules: rulesOf(r.rules),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    agentIds: r.agent_ids ?? [],
    version: r.version,
    createdAt: isoRequired(r.created_at),
    leads,
  };
}

const EMPTY_COUNTS = (): LeadCounts => ({ total: 0, byStatus: Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>, dialled: 0 });

export interface CampaignPatch {
  name?: string;
  mode?: Campaign['mode'];
  rules?: CampaignRules;
  status?: CampaignStatus;
}

export class CampaignRepository {
  constructor(private readonly db: Db) {}

  private base(db: Knex = this.db) {
    return db('campaigns as k')
      .leftJoin('users as u', 'u.id', 'k.owner_id')
      .select(
        'k.id', 'k.name', 'k.purpose', 'k.mode', 'k.status', 'k.rules', 'k.owner_id', 'k.version', 'k.created_at',
        'u.display_name as owner_name',
        db.raw('(SELECT array_agg(a.user_id ORDER BY a.user_id) FROM campaign_agents a WHERE a.campaign_id = k.id) AS agent_ids'),
      );
  }

  private async withCounts(rows: CampaignRow[]): Promise<Campaign[]> {
    if (rows.length === 0) return [];
    const counts = (await this.db('campaign_leads')
      .whereIn('campaign_id', rows.map((r) => r.id))
      .groupBy('campaign_id', 'status')
      .select('campaign_id', 'status', this.db.raw('count(*)::int AS n'), this.db.raw('count(*) FILTER (WHERE attempts > 0)::int AS dialled'))) as {
      campaign_id: number;
      status: LeadStatus;
      n: number;
      dialled: number;
    }[];
    const by = new Map<number, LeadCounts>();
    for (const c of counts) {
      const k = by.get(c.campaign_id) ?? EMPTY_COUNTS();
      k.total += c.n;
      k.byStatus[c.status] = c.n;
      k.dialled += c.dialled;
      by.set(c.campaign_id, k);
    }
    return rows.map((r) => toCampaign(r, by.get(r.id) ?? EMPTY_COUNTS()));
  }

  async create(ownerId: number, c: CampaignCreate, rules: CampaignRules, db: Knex = this.db): Promise<number> {
    const [row] = await db('campaigns')
      .insert({ name: c.name, purpose: c.purpose, mode: c.mode, rules: JSON.stringify(rules), owner_id: ownerId, status: 'draft' })
      .returning('id');
    return (row as { id: number }).id;
  }

  async get(id: number): Promise<Campaign | null> {
    const row = (await this.base().where('k.id', id).first()) as CampaignRow | undefined;
    return row ? (await this.withCounts([row]))[0]! : null;
  }

  /** Every campaign, or those `filter` narrows to (an owner's, an agent's), newest first. */
  async list(filter: { ownerId?: number; agentId?: number } = {}): Promise<Campaign[]> {
    const q = this.base().orderBy('k.id', 'desc').limit(500);
    if (filter.ownerId !== undefined) q.where('k.owner_id', filter.ownerId);
    if (filter.agentId !== undefined) q.whereExists(this.db('campaign_agents as a').whereRaw('a.campaign_id = k.id').where('a.user_id', filter.agentId));
    return this.withCounts((await q) as CampaignRow[]);
  }

  /** Applies a change if the campaign is still at `version`; false when someone changed it meanwhile. */
  async update(id: number, version: number, patch: CampaignPatch, agentIds: readonly number[] | undefined, db: Knex): Promise<boolean> {
    const set: Record<string, unknown> = { version: db.raw('version + 1'), updated_at: db.fn.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.mode !== undefined) set.mode = patch.mode;
    if (patch.rules !== undefined) set.rules = JSON.stringify(patch.rules);
    if (patch.status !== undefined) set.status = patch.status;
    const n = await db('campaigns').where({ id, version }).update(set);
    if (n === 0) return false;
    if (agentIds !== undefined) {
      await db('campaign_agents').where({ campaign_id: id }).delete();
      if (agentIds.length) await db('campaign_agents').insert([...new Set(agentIds)].map((user_id) => ({ campaign_id: id, user_id })));
    }
    return true;
  }

  /** Every active agent and supervisor, for assigning them to campaigns. */
  async callTakerOptions(): Promise<{ id: number; name: string }[]> {
    return (await this.db('users').whereIn('role', ['agent', 'supervisor']).where('disabled', false).orderBy('display_name').limit(2000).select('id', 'display_name as name')) as { id: number; name: string }[];
  }

  /** The ids among `ids` that are active agents (or supervisors, who also take calls). */
  async callTakers(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    return (await this.db('users').whereIn('id', ids).whereIn('role', ['agent', 'supervisor']).where('disabled', false).pluck('id')) as number[];
  }
}
