// The daily backup in the running server: at the configured time in the contact center's zone
// (a fake clock moves the days), the copies kept, what the admin sees, and a failure told to the
// admins on their socket and in the audit log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { BackupOverview, BackupRunView, ClientToServerEvents, ServerToClientEvents } from '../../contract/index.js';
import { backupDirectory } from '../../server/src/backups/data/backup-directory.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const HOUR = 3600_000;

let t: TestDb;
let dir: string;
const apps: TestApp[] = [];
const sockets: Client[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date('2026-11-20T08:00:00Z'), 10);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-schedule-'));
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const a of apps) await a.close();
  await t?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(clock: FakeClock, dataKey: string | null, backupDir = dir) {
  const app = await startTestApp(t.db, undefined, {
    clock,
    startCallCenter: true,
    backup: {
      schedule: { dir: backupDir, time: '03:00', keep: 2, timeZone: 'Asia/Shanghai' },
      ...backupDirectory({ url: t.url, dir: backupDir, keys: { dataKey, dataKeyFile: null, generateAt: null }, pgBinDir: null }),
    },
  });
  apps.push(app);
  return app;
}

function connect(app: TestApp, client: ApiClient): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket: Client = ioClient(app.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: client.cookie! }, reconnection: false });
    sockets.push(socket);
    socket.on('session:ready', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

describe('the daily backup', () => {
  it('runs at 03:00 Shanghai time each day, keeps the newest two and shows the last one to admins only', async () => {
    const clock = new FakeClock(); // 2026-11-26 17:00 in Shanghai
    const app = await start(clock, crypto.randomBytes(32).toString('base64'));
    const admin = await new ApiClient(app.baseUrl).login('admin1');
    const agent = await new ApiClient(app.baseUrl).login('agent1');

    const before = await admin.request<BackupOverview>('GET', '/api/admin/backups');
    expect(before.status).toBe(200);
    expect(before.body.last).toBeNull();
    expect(before.body.schedule).toMatchObject({ time: '03:00', keep: 2, timeZone: 'Asia/Shanghai', nextAt: '2026-11-26T19:00:00.000Z' });

    clock.advance(10 * HOUR - 1);
    await app.composed.backupScheduler.settled();
    expect(fs.readdirSync(dir)).toEqual([]);
    for (let day = 0; day < 3; day++) {
      clock.advance(day === 0 ? 1 : 24 * HOUR);
      await app.composed.backupScheduler.settled();
    }
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['kefu-backup-20261127T190000Z.kefubak', 'kefu-backup-20261128T190000Z.kefubak']);

    const after = await admin.request<BackupOverview>('GET', '/api/admin/backups');
    expect(after.body.last).toMatchObject({ trigger: 'scheduled', status: 'succeeded', startedAt: '2026-11-28T19:00:00.000Z', fileName: files[1], error: null });
    expect(after.body.last!.sizeBytes).toBe(fs.statSync(path.join(dir, files[1]!)).size);
    expect(after.body.recent).toHaveLength(3);
    expect(after.body.schedule.nextAt).toBe('2026-11-29T19:00:00.000Z');

    expect((await agent.request('GET', '/api/admin/backups')).status).toBe(403);
    expect((await agent.request('POST', '/api/admin/backups')).status).toBe(403);
  });

  it('runs once a day however many servers share the database', async () => {
    const clock = new FakeClock();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-two-'));
    const key = crypto.randomBytes(32).toString('base64');
    const [a, b] = [await start(clock, key, otherDir), await start(clock, key, otherDir)];
    await t.db('backup_runs').del();
    clock.advance(10 * HOUR);
    await Promise.all([a.composed.backupScheduler.settled(), b.composed.backupScheduler.settled()]);
    expect(await t.db('backup_runs').where({ trigger: 'scheduled', scheduled_for: new Date('2026-11-26T19:00:00Z') }).count<{ count: number }[]>('* as count')).toEqual([{ count: 1 }]);
    expect(fs.readdirSync(otherDir)).toHaveLength(1);
    fs.rmSync(otherDir, { recursive: true, force: true });
  });

  it('tells every admin at once when a backup fails, in their language, and audits it', async () => {
    const clock = new FakeClock();
    const app = await start(clock, null); // no data key: the backup cannot be encrypted
    const admin = await new ApiClient(app.baseUrl).login('admin1');
    admin.headers['accept-language'] = 'zh-CN';
    await admin.request('PATCH', '/api/auth/me', { locale: 'zh-CN' });
    const socket = await connect(app, admin);
    const heard = new Promise<BackupRunView>((resolve) => socket.on('backup:finished', resolve));

    const asked = await admin.request<BackupRunView>('POST', '/api/admin/backups');
    expect(asked.status).toBe(202);
    // Answered at once with the run; without a key it may already have failed by then.
    expect(asked.body).toMatchObject({ trigger: 'manual', fileName: null });

    const finished = await heard;
    expect(finished).toMatchObject({ id: asked.body.id, status: 'failed' });
    expect(finished.error).toContain('KEFU_DATA_KEY');
    expect(finished.error).toMatch(/数据密钥/);
    await app.composed.backups.idle();
    const audit = await t.db('audit_log').where('entity_id', String(asked.body.id)).whereIn('action', ['backup.run', 'backup.failed']).orderBy('id').select('action', 'user_id');
    expect(audit.map((a) => a.action)).toEqual(['backup.run', 'backup.failed']);
    const overview = await admin.request<BackupOverview>('GET', '/api/admin/backups');
    expect(overview.body.last).toMatchObject({ status: 'failed', fileName: null });
  });
});
