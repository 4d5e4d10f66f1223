// The demo data set: users, teams, queues, a campaign, a few well-known customers the README
// and the end-to-end tests name, and a few hundred generated customers with histories.
// The sensitive fields go in clear: the seeders run without the data keys, and whoever runs them
// seals them next (encryptClearFields: the server's start, `npm run seed`, the test app).
import { customerInsertRow, phoneInsertRows } from '../customers/data/customer-write-row.js';
import type { CountryCode } from 'libphonenumber-js';
import type { Db } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import { normalizePhone } from '../platform/phone-number.js';
import { queueNumberRow } from '../acd/data/phone-number-rows.js';
import { hashPassword } from '../identity/password.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import { caseNumberSql, seedCustomers } from './customer-seeder.js';
import { completeCaseFields, seedCaseWork } from './case-work-seed.js';

export const DEMO_GENERATED_CUSTOMERS = 300;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Seeds only an empty database (no users), so a restart never duplicates or overwrites data. */
export async function seedDemoIfEmpty(db: Db, region: CountryCode, log: Logger): Promise<boolean> {
  const { count } = (await db('users').count<{ count: number }[]>('* as count').first()) ?? { count: 0 };
  if (Number(count) > 0) return false;
  log.info('empty database: loading the demo data set');
  await seedDemo(db, region);
  return true;
}

export async function seedDemo(
  db: Db,
  region: CountryCode,
  now = new Date(),
  generatedCustomers = DEMO_GENERATED_CUSTOMERS,
): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, number>();
  let supportTeam = 0;
  let supportQueue = 0;

  await db.transaction(async (trx) => {
    const [support] = await trx('teams').insert({ name: 'Support' }).returning('id');
    const [sales] = await trx('teams').insert({ name: 'Sales' }).returning('id');
    supportTeam = support.id;
    const teams = { support: support.id as number, sales: sales.id as number };
    for (const u of DEMO_USERS) {
      const [row] = await trx('users')
        .insert({
          username: u.username,
          display_name: u.displayName,
          password_hash: hash,
          role: u.role,
          team_id: u.team ? teams[u.team] : null,
          extension: u.extension,
        })
        .returning('id');
      userIds.set(u.username, row.id);
    }
    const id = (name: string) => userIds.get(name)!;

    const [skSupport] = await trx('skills').insert({ name: 'support' }).returning('id');
    const [skSales] = await trx('skills').insert({ name: 'sales' }).returning('id');
    const [qSupport] = await trx('queues')
      .insert({ name: 'support', display_name: 'Customer support', team_id: teams.support, skill_id: skSupport.id })
      .returning('id');
    const [qSales] = await trx('queues')
      .insert({ name: 'sales', display_name: 'Sales', team_id: teams.sales, skill_id: skSales.id })
      .returning('id');
    await trx('phone_numbers').insert(queueNumberRow(qSupport.id, '4008001234', region));
    supportQueue = qSupport.id;
    for (const a of ['agent1', 'agent2', 'agent3']) {
      await trx('queue_members').insert({ queue_id: qSupport.id, user_id: id(a) });
      await trx('agent_skills').insert({ user_id: id(a), skill_id: skSupport.id });
    }
    await trx('queue_members').insert({ queue_id: qSales.id, user_id: id('agent3') });
    await trx('agent_skills').insert({ user_id: id('agent3'), skill_id: skSales.id });
    await seedCaseWork(trx, {
      admin: id('admin1'),
      supervisor: id('supervisor1'),
      agents: ['agent1', 'agent2', 'agent3'].map(id),
      supportTeam: teams.support,
      salesTeam: teams.sales,
      salesQueue: qSales.id,
    });

    // Well-known customers (README, end-to-end tests).
    const phone = (raw: string, label = 'mobile') => ({ e164: normalizePhone(raw, region)!, raw, label });
    const known = [
      { key: 'zhangwei', name: '张伟', company: '华为技术有限公司', email: 'zhang.wei@example.cn', region: '广东省深圳市', tier: 'vip', owner: 'agent1', tags: ['老客户', 'enterprise'], phones: [phone('138 0013 8000'), phone('010 6552 9988', 'work')] },
      { key: 'emily', name: 'Emily Chan', company: 'Blue Harbour Hotels', email: 'emily.chan@example.com', region: 'Hong Kong', tier: 'gold', owner: 'agent2', tags: ['prefers-english'], phones: [phone('+852 9123 4567')] },
      { key: 'liuyang', name: '刘洋', company: null, email: null, region: '上海市浦东新区', tier: 'silver', owner: null, tags: [], phones: [phone('139 1234 5678', 'home')] },
      { key: 'liufang', name: '刘芳', company: null, email: 'liu.fang@example.cn', region: '上海市浦东新区', tier: 'standard', owner: null, tags: [], phones: [phone('+86 139-1234-5678', 'home')] },
      { key: 'david', name: 'David Miller', company: 'Pacific Freight Co.', email: 'd.miller@example.com', region: 'San Francisco', tier: 'standard', owner: 'agent3', tags: ['reseller'], phones: [phone('+1 212 555 0142')] },
    ] as const;
    const cid = new Map<string, number>();
    for (const k of known) {
      const [row] = await trx('customers')
        .insert(
          customerInsertRow({
            name: k.name,
            company: k.company,
            email: k.email,
            region: k.region,
            address: null,
            valueTier: k.tier,
            ownerId: k.owner ? id(k.owner) : null,
            teamId: k.owner ? teams.support : null,
            tags: [...k.tags],
          }, null),
        )
        .returning('id');
      cid.set(k.key, row.id);
      await trx('customer_phones').insert(phoneInsertRows(row.id, k.phones));
    }
    const call = (customer: string, agent: string | null, agoMs: number, talk: number, disposition: string | null, notes: string | null, direction: 'inbound' | 'outbound' = 'inbound') => {
      const started = new Date(now.getTime() - agoMs);
      const answered = agent ? new Date(started.getTime() + 12_000) : null;
      return {
        customer_id: cid.get(customer),
        kind: 'call',
        direction,
        caller_number: known.find((k) => k.key === customer)!.phones[0].e164,
        agent_id: agent ? id(agent) : null,
        queue_id: direction === 'inbound' ? qSupport.id : null,
        started_at: started,
        queued_at: direction === 'inbound' ? started : null,
        offered_at: answered,
        answered_at: answered,
        ended_at: new Date(started.getTime() + 12_000 + talk * 1000),
        wait_seconds: direction === 'inbound' ? 12 : 0,
        talk_seconds: agent ? talk : 0,
        hold_seconds: 0,
        wrap_seconds: agent ? 30 : 0,
        end_reason: agent ? 'completed' : 'abandoned',
        hangup_by: agent ? 'customer' : 'customer',
        disposition,
        notes,
      };
    };
    await trx('interactions').insert([
      call('zhangwei', 'agent1', 2 * HOUR, 420, 'complaint_logged', '客户反映安装师傅迟到两小时，要求赔偿。已登记投诉 C 单，承诺 24 小时内回复。'),
      call('zhangwei', 'agent2', 3 * DAY, 185, 'resolved_first_time', 'Asked for a copy of the March invoice; sent by email.'),
      call('zhangwei', null, 3 * DAY + HOUR, 0, null, null),
      call('zhangwei', 'agent1', 20 * DAY, 610, 'sale', 'Upgraded to the enterprise support plan.', 'outbound'),
      call('emily', 'agent2', 5 * DAY, 240, 'follow_up_needed', 'Room booking system integration question; will call back with the API contact.'),
      call('liuyang', 'agent3', 1 * DAY, 95, 'resolved_first_time', '咨询宽带套餐资费。'),
      call('liufang', 'agent2', 10 * DAY, 130, 'resolved_first_time', '更改账单地址。'),
      call('david', 'agent3', 7 * DAY, 300, 'follow_up_needed', 'Freight insurance claim; waiting for documents.'),
    ]);
    await trx.raw(
      `UPDATE customers c SET last_contact_at = (SELECT max(started_at) FROM interactions i WHERE i.customer_id = c.id)`,
    );
    const complaintCreated = new Date(now.getTime() - 2 * HOUR);
    const [complaint] = await trx('tickets')
      .insert({
        number: caseNumberSql(trx, 'complaint', complaintCreated.getUTCFullYear()),
        kind: 'complaint',
        customer_id: cid.get('zhangwei'),
        subject: '安装师傅迟到两小时 Installer two hours late',
        description: '客户预约上午 9 点安装，师傅 11 点才到，客户要求赔偿。',
        status: 'open',
        priority: 'P2',
        category: 'service',
        severity: 'high',
        channel: 'phone',
        assignee_id: id('agent1'),
        team_id: teams.support,
        ack_due_at: new Date(complaintCreated.getTime() + 24 * HOUR),
        // Acknowledged on the call that logged it; the resolution clock still runs.
        acknowledged_at: new Date(complaintCreated.getTime() + 5 * 60_000),
        resolve_due_at: new Date(complaintCreated.getTime() + 5 * DAY),
        created_by: id('agent1'),
        created_at: complaintCreated,
        updated_at: complaintCreated,
      })
      .returning('id');
    const ticketCreated = new Date(now.getTime() - 3 * DAY);
    await trx('tickets').insert([
      {
        number: caseNumberSql(trx, 'ticket', ticketCreated.getUTCFullYear()),
        kind: 'ticket',
        customer_id: cid.get('zhangwei'),
        subject: 'Router replacement under warranty',
        status: 'pending_customer',
        priority: 'P3',
        category: 'fault',
        assignee_id: id('agent2'),
        team_id: teams.support,
        resolve_due_at: new Date(now.getTime() + 1 * DAY),
        created_at: ticketCreated,
        updated_at: ticketCreated,
      },
      {
        number: caseNumberSql(trx, 'ticket', ticketCreated.getUTCFullYear()),
        kind: 'ticket',
        customer_id: cid.get('zhangwei'),
        subject: 'Invoice copy for March',
        status: 'closed',
        priority: 'P4',
        category: 'billing',
        assignee_id: id('agent2'),
        team_id: teams.support,
        resolved_at: ticketCreated,
        closed_at: ticketCreated,
        created_at: ticketCreated,
        updated_at: ticketCreated,
      },
    ]);
    const [firstCall] = await trx('interactions').where({ customer_id: cid.get('zhangwei') }).orderBy('started_at', 'desc').limit(1);
    await trx('interaction_links').insert({ interaction_id: firstCall.id, ticket_id: complaint.id, linked_by: id('agent1') });

    const [campaign] = await trx('campaigns')
      .insert({ name: 'Spring renewal 2026', owner_id: id('marketer1'), status: 'draft' })
      .returning('id');
    const leads = ['zhangwei', 'david'].map((k) => ({
      campaign_id: campaign.id,
      customer_id: cid.get(k),
      phone_e164: known.find((x) => x.key === k)!.phones[0].e164,
    }));
    await trx('campaign_leads').insert(leads);
  });

  const agents = ['agent1', 'agent2', 'agent3'].map((u) => userIds.get(u)!);
  await seedCustomers(db, { count: generatedCustomers, seed: 2026, agents: { agentIds: agents, teamId: supportTeam, queueId: supportQueue }, now });
  // Part of the generated base is on the marketer's campaign list, as an imported dial list would be.
  await db.raw(
    `INSERT INTO campaign_leads (campaign_id, customer_id, phone_e164)
     SELECT k.id, c.id, (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position LIMIT 1)
       FROM campaigns k, customers c
      WHERE k.name = 'Spring renewal 2026' AND c.id % 7 = 0
        AND EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id)
     ON CONFLICT DO NOTHING`,
  );
  await completeCaseFields(db, now);
}
