// The people and the queue one browser test works with, made for it alone: a team of its own,
// users with their own names and extensions, a queue with its own dial number. Specs running
// side by side then never offer each other's calls nor read each other's agents.
import { z } from 'zod';
import type { Db } from '../../server/src/platform/db/database.js';
import { hashPassword } from '../../server/src/identity/password.js';
import { queueNumberRow } from '../../server/src/acd/data/phone-number-rows.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users.js';

export const CastRequest = z
  .object({
    /** Unique per test: names, team and queue carry it. */
    tag: z.string().regex(/^[a-z0-9]{4,16}$/),
    users: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z0-9]{1,16}$/),
          role: z.enum(['agent', 'supervisor', 'admin', 'marketer']),
          displayName: z.string().min(1).max(100),
        }),
      )
      .max(10),
    queue: z
      .object({
        /** Keys of the users who take the queue's calls. */
        members: z.array(z.string()),
        ringSeconds: z.number().int().positive().optional(),
        wrapUpSeconds: z.number().int().nonnegative().optional(),
        csat: z.boolean().optional(),
      })
      .optional(),
  })
  .strict();
export type CastRequest = z.infer<typeof CastRequest>;

export interface CastUser {
  id: number;
  username: string;
  displayName: string;
  extension: string | null;
}

export interface Cast {
  team: { id: number; name: string };
  users: Record<string, CastUser>;
  queue: { id: number; name: string; dialNumber: string } | null;
}

export const PastCallRequest = z
  .object({
    customerId: z.number().int().positive(),
    agentId: z.number().int().positive(),
    queueId: z.number().int().positive().nullable(),
    disposition: z.string().min(1),
    notes: z.string().min(1),
    minutesAgo: z.number().int().positive(),
  })
  .strict();
export type PastCallRequest = z.infer<typeof PastCallRequest>;

/** Extensions and dial numbers count up from here; the demo's are 1001–1900 and 4008001234. */
let sequence = 0;
let passwordHash: Promise<string> | null = null;

export async function createCast(db: Db, req: CastRequest): Promise<Cast> {
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const hash = await passwordHash;
  return db.transaction(async (trx) => {
    const teamName = `E2E ${req.tag}`;
    const [team] = await trx('teams').insert({ name: teamName }).returning('id');
    const users: Record<string, CastUser> = {};
    for (const u of req.users) {
      const phoneUser = u.role === 'agent' || u.role === 'supervisor';
      const extension = phoneUser ? String(6000 + ++sequence) : null;
      const username = `${req.tag}-${u.key}`;
      const [row] = await trx('users')
        .insert({ username, display_name: u.displayName, password_hash: hash, role: u.role, team_id: team.id, extension })
        .returning('id');
      users[u.key] = { id: row.id, username, displayName: u.displayName, extension };
    }
    const supervisor = req.users.find((u) => u.role === 'supervisor');
    if (supervisor) await trx('teams').where({ id: team.id }).update({ supervisor_id: users[supervisor.key]!.id });

    let queue: Cast['queue'] = null;
    if (req.queue) {
      const dialNumber = `4009${String(++sequence).padStart(6, '0')}`;
      const name = `e2e-${req.tag}`;
      const [row] = await trx('queues')
        .insert({
          name,
          display_name: `E2E ${req.tag}`,
          team_id: team.id,
          skill_id: null,
          ...(req.queue.ringSeconds !== undefined ? { ring_seconds: req.queue.ringSeconds } : {}),
          ...(req.queue.wrapUpSeconds !== undefined ? { wrap_up_seconds: req.queue.wrapUpSeconds } : {}),
          csat_enabled: req.queue.csat ?? false,
        })
        .returning('id');
      await trx('phone_numbers').insert(queueNumberRow(row.id, dialNumber));
      for (const key of req.queue.members) {
        const member = users[key];
        if (!member) throw new Error(`queue member ${key} is not in the cast`);
        await trx('queue_members').insert({ queue_id: row.id, user_id: member.id });
      }
      queue = { id: row.id, name, dialNumber };
    }
    return { team: { id: team.id, name: teamName }, users, queue };
  });
}

/** A finished call in a customer's history, as if it had happened before the test. */
export async function addPastCall(db: Db, req: PastCallRequest): Promise<number> {
  const phone = await db('customer_phones').where({ customer_id: req.customerId }).orderBy('position').first('e164');
  const started = new Date(Date.now() - req.minutesAgo * 60_000);
  const answered = new Date(started.getTime() + 10_000);
  const ended = new Date(answered.getTime() + 120_000);
  const [row] = await db('interactions')
    .insert({
      customer_id: req.customerId,
      kind: 'call',
      direction: 'inbound',
      caller_number: phone?.e164 ?? null,
      agent_id: req.agentId,
      queue_id: req.queueId,
      started_at: started,
      queued_at: started,
      offered_at: answered,
      answered_at: answered,
      ended_at: ended,
      wait_seconds: 10,
      talk_seconds: 120,
      hold_seconds: 0,
      wrap_seconds: 30,
      end_reason: 'completed',
      hangup_by: 'customer',
      disposition: req.disposition,
      notes: req.notes,
    })
    .returning('id');
  await db('customers').where({ id: req.customerId }).update({ last_contact_at: started });
  return row.id;
}

export const CampaignLeadRequest = z.object({ marketerId: z.number().int().positive(), customerId: z.number().int().positive() }).strict();
export type CampaignLeadRequest = z.infer<typeof CampaignLeadRequest>;

/** A campaign of the marketer's with the customer on its dial list (no API makes campaigns yet). */
export async function addCampaignLead(db: Db, req: CampaignLeadRequest): Promise<void> {
  const phone = await db('customer_phones').where({ customer_id: req.customerId }).orderBy('position').first('e164');
  await db.transaction(async (trx) => {
    const [campaign] = await trx('campaigns').insert({ name: 'E2E renewal', owner_id: req.marketerId, status: 'draft' }).returning('id');
    await trx('campaign_leads').insert({ campaign_id: campaign.id, customer_id: req.customerId, phone_e164: phone.e164 });
  });
}
