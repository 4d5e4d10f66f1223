import type { Db } from '../../platform/db/database.js';

export interface QueueDefinition {
  id: number;
  name: string;
  displayName: string;
  dialNumber: string | null;
  skillId: number | null;
  ringSeconds: number;
  /** After-call work allowed before the agent is made Ready; null: no limit (0 in the table). */
  wrapUpSeconds: number | null;
  maxWaitSeconds: number;
  maxSize: number;
  overflowQueueId: number | null;
  /** Ask the caller for a 1–5 score by keypad after the agent hangs up. */
  csatEnabled: boolean;
}

export interface AgentDefinition {
  id: number;
  displayName: string;
  extension: string | null;
  queueIds: number[];
  skillIds: number[];
}

/** Queues, their members and the agents' skills, as the ACD routes by them. */
export class QueueDirectoryRepository {
  constructor(private readonly db: Db) {}

  async queues(): Promise<QueueDefinition[]> {
    const rows = await this.db('queues').select('*').orderBy('id');
    return rows.map((q: Record<string, any>) => ({
      id: q.id,
      name: q.name,
      displayName: q.display_name,
      dialNumber: q.dial_number,
      skillId: q.skill_id,
      ringSeconds: q.ring_seconds,
      wrapUpSeconds: q.wrap_up_seconds > 0 ? q.wrap_up_seconds : null,
      maxWaitSeconds: q.max_wait_seconds,
      maxSize: q.max_size,
      overflowQueueId: q.overflow_queue_id,
      csatEnabled: q.csat_enabled === true,
    }));
  }

  async agents(): Promise<AgentDefinition[]> {
    const users = await this.db('users').whereIn('role', ['agent', 'supervisor']).andWhere({ disabled: false }).select('id', 'display_name', 'extension');
    const members = await this.db('queue_members').select('queue_id', 'user_id');
    const skills = await this.db('agent_skills').select('skill_id', 'user_id');
    return users.map((u: { id: number; display_name: string; extension: string | null }) => ({
      id: u.id,
      displayName: u.display_name,
      extension: u.extension,
      queueIds: members.filter((m: { user_id: number }) => m.user_id === u.id).map((m: { queue_id: number }) => m.queue_id),
      skillIds: skills.filter((s: { user_id: number }) => s.user_id === u.id).map((s: { skill_id: number }) => s.skill_id),
    }));
  }
}
