// The queue benchmark's people: a team, one queue on its own hotline and N agents in it, each with
// a signed-in session (written as rows, as a sign-in would leave them: N argon2 sign-ins would
// take minutes here and measure nothing of the ACD). Works on an empty database or beside the
// main benchmark's loaded staff (its own names, extensions and dial number).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../server/src/platform/db/database.js';
import { hashPassword } from '../../../server/src/identity/password.js';
import { queueNumberRow } from '../../../server/src/acd/data/phone-number-rows.js';

/** The number callers dial; apart from the main benchmark's support hotline. */
export const QUEUE_BENCH_HOTLINE = '4009990000';
export const QUEUE_BENCH_QUEUE = 'bench-load';
export const QUEUE_BENCH_SIP_DOMAIN = 'kefu.bench';

export interface QueueBenchAgent {
  userId: number;
  extension: string;
  /** The session cookie's value (the table keeps only its sha256). */
  sessionToken: string;
}

export interface QueueBenchStaff {
  queueId: number;
  agents: QueueBenchAgent[];
}

/**
 * Agents `qagent0001`…, extensions 70001…; the queue's wrap-up is `wrapUpSeconds` (the ACD makes
 * the agent Ready when it runs out; 0 would mean "no limit", so at least 1).
 */
export async function seedQueueBench(db: Db, o: { agents: number; wrapUpSeconds: number; ringSeconds?: number }): Promise<QueueBenchStaff> {
  if (o.wrapUpSeconds < 1) throw new Error('the bench queue needs a wrap-up limit of at least 1 s, or agents never come back');
  const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
  return db.transaction(async (trx) => {
    const [team] = await trx('teams').insert({ name: 'Queue bench' }).returning('id');
    const [queue] = await trx('queues')
      .insert({
        name: QUEUE_BENCH_QUEUE,
        display_name: 'Queue benchmark',
        team_id: team.id,
        ring_seconds: o.ringSeconds ?? 15,
        wrap_up_seconds: o.wrapUpSeconds,
        max_wait_seconds: 600,
        max_size: 100_000,
      })
      .returning('id');
    await trx('phone_numbers').insert(queueNumberRow(queue.id, QUEUE_BENCH_HOTLINE));
    const rows = Array.from({ length: o.agents }, (_, i) => ({
      username: `qagent${String(i + 1).padStart(4, '0')}`,
      display_name: `Queue agent ${i + 1}`,
      password_hash: passwordHash,
      role: 'agent',
      team_id: team.id,
      extension: String(70001 + i),
    }));
    const users: { id: number; extension: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) users.push(...(await trx('users').insert(rows.slice(i, i + 500)).returning(['id', 'extension'])));
    const agents = users.map((u) => ({ userId: u.id, extension: u.extension, sessionToken: randomBytes(32).toString('base64url') }));
    const expiresAt = new Date(Date.now() + 12 * 3_600_000);
    for (let i = 0; i < agents.length; i += 500) {
      const chunk = agents.slice(i, i + 500);
      await trx('queue_members').insert(chunk.map((a) => ({ queue_id: queue.id, user_id: a.userId })));
      await trx('sessions').insert(
        chunk.map((a) => ({ id: createHash('sha256').update(a.sessionToken).digest('hex'), user_id: a.userId, expires_at: expiresAt, user_agent: 'kefu-queue-bench' })),
      );
    }
    return { queueId: queue.id, agents };
  });
}
