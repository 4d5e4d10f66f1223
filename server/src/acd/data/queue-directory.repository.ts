import type { BusinessCalendar, TierWeights } from '../../../../contract/index.js';
import { BusinessCalendar as BusinessCalendarSchema } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

export interface QueueDefinition {
  id: number;
  name: string;
  displayName: string;
  /** The queue's first number (E.164), kept for readers of one number; `numbers` has them all. */
  dialNumber: string | null;
  /** Every number that reaches the queue, E.164. */
  numbers?: readonly string[];
  skillId: number | null;
  ringSeconds: number;
  /** After-call work allowed before the agent is made Ready; null: no limit (0 in the table). */
  wrapUpSeconds: number | null;
  maxWaitSeconds: number;
  maxSize: number;
  overflowQueueId: number | null;
  /** Ask the caller for a 1–5 score by keypad after the agent hangs up. */
  csatEnabled: boolean;
  /** A deactivated queue takes no new caller; the calls in it are served to the end. Absent: active. */
  active?: boolean;
  /** Place-in-line weight per customer value tier. Absent: VIP first (weight 1). */
  tierWeights?: TierWeights;
  /** When the queue answers; null or absent: always. */
  openingHours?: BusinessCalendar | null;
  /** Where callers go while closed; null: busy. */
  outOfHoursQueueId?: number | null;
}

export interface AgentDefinition {
  id: number;
  displayName: string;
  extension: string | null;
  queueIds: number[];
  skillIds: number[];
  /** The agent's level per queue (queue id → 1–10); absent: 1 everywhere. */
  levels?: Readonly<Record<number, number>>;
}

/** A number kefu answers that rings one agent directly. */
export interface AgentNumber {
  e164: string;
  userId: number;
}

/** A calendar stored by hand that no longer parses is treated as always open, not as a crash. */
function openingHoursOf(value: unknown): BusinessCalendar | null {
  if (value == null) return null;
  const r = BusinessCalendarSchema.safeParse(value);
  return r.success ? r.data : null;
}

/**
 * The routing level of a member in a queue: in a queue that asks for a skill, the agent's level
 * in that skill; otherwise the level the queue gives the member.
 */
export function memberLevel(queueSkillId: number | null, memberSkillLevel: number, agentSkillLevels: ReadonlyMap<number, number>): number {
  if (queueSkillId !== null) return agentSkillLevels.get(queueSkillId) ?? memberSkillLevel;
  return memberSkillLevel;
}

/** Queues, their numbers and members and the agents' skills, as the ACD routes by them. */
export class QueueDirectoryRepository {
  constructor(private readonly db: Db) {}

  async queues(): Promise<QueueDefinition[]> {
    const rows = await this.db('queues').select('*').orderBy('id');
    const numbers = (await this.db('phone_numbers').where('destination_kind', 'queue').orderBy('id').select('queue_id', 'e164')) as { queue_id: number; e164: string }[];
    return rows.map((q: Record<string, any>) => {
      const own = numbers.filter((n) => n.queue_id === q.id).map((n) => n.e164);
      return {
        id: q.id,
        name: q.name,
        displayName: q.display_name,
        dialNumber: own[0] ?? null,
        numbers: own,
        skillId: q.skill_id,
        ringSeconds: q.ring_seconds,
        wrapUpSeconds: q.wrap_up_seconds > 0 ? q.wrap_up_seconds : null,
        maxWaitSeconds: q.max_wait_seconds,
        maxSize: q.max_size,
        overflowQueueId: q.overflow_queue_id,
        csatEnabled: q.csat_enabled === true,
        active: q.active !== false,
        tierWeights: (q.tier_weights ?? { vip: 1 }) as TierWeights,
        openingHours: openingHoursOf(q.opening_hours),
        outOfHoursQueueId: q.out_of_hours_queue_id ?? null,
      };
    });
  }

  async agents(): Promise<AgentDefinition[]> {
    const users = await this.db('users').whereIn('role', ['agent', 'supervisor']).andWhere({ disabled: false }).select('id', 'display_name', 'extension');
    const members = (await this.db('queue_members as m').join('queues as q', 'q.id', 'm.queue_id').select('m.queue_id', 'm.user_id', 'm.skill_level', 'q.skill_id')) as {
      queue_id: number;
      user_id: number;
      skill_level: number | null;
      skill_id: number | null;
    }[];
    const skills = (await this.db('agent_skills').select('skill_id', 'user_id', 'level')) as { skill_id: number; user_id: number; level: number }[];
    return users.map((u: { id: number; display_name: string; extension: string | null }) => {
      const own = skills.filter((s) => s.user_id === u.id);
      const skillLevels = new Map(own.map((s) => [s.skill_id, s.level]));
      const memberships = members.filter((m) => m.user_id === u.id);
      return {
        id: u.id,
        displayName: u.display_name,
        extension: u.extension,
        queueIds: memberships.map((m) => m.queue_id),
        skillIds: own.map((s) => s.skill_id),
        levels: Object.fromEntries(memberships.map((m) => [m.queue_id, memberLevel(m.skill_id, m.skill_level ?? 1, skillLevels)])),
      };
    });
  }

  /** The numbers that ring one agent directly. */
  async agentNumbers(): Promise<AgentNumber[]> {
    const rows = (await this.db('phone_numbers as p')
      .join('users as u', 'u.id', 'p.user_id')
      .where('p.destination_kind', 'agent')
      .andWhere('u.disabled', false)
      .select('p.e164', 'p.user_id')) as { e164: string; user_id: number }[];
    return rows.map((r) => ({ e164: r.e164, userId: r.user_id }));
  }
}
