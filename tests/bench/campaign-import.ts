// Lead import speed: N generated CSV rows (a few bad ones among them) through the real import
// path (CSV read as it streams, rows checked, COPY, linking and inserting leads), on a fresh
// database. Usage: npx tsx tests/bench/campaign-import.ts [rows]   (DATABASE_URL: a superuser)
import { Readable } from 'node:stream';
import { createServices } from '../../server/src/compose-services.js';
import { createDb } from '../../server/src/platform/db/database.js';
import { migrateLatest } from '../../server/src/platform/db/migrate.js';
import { withDatabase } from '../support/db-url.js';

const rows = Number(process.argv[2] ?? 100_000);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://kefu_ci:kefu_ci@127.0.0.1:5432/postgres';
const name = `kefu_bench_import_${Date.now()}`;

function* csv(): Generator<string> {
  yield 'name,phone,priority\n';
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    // One row in a thousand has a number that is not one.
    const phone = i % 1000 === 999 ? '12345' : `+86137${String(i).padStart(8, '0')}`;
    chunk += `Lead ${i},${phone},${i % 10}\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

const admin = createDb(adminUrl, 1);
await admin.raw(`CREATE DATABASE ${name}`);
const db = createDb(withDatabase(adminUrl, name), 4);
try {
  await migrateLatest(db);
  const [user] = await db('users').insert({ username: 'm', display_name: 'M', password_hash: 'x', role: 'marketer' }).returning('id');
  const services = createServices(db, { sessionTtlMs: 1, defaultRegion: 'CN', timeZone: 'Asia/Shanghai' });
  const ctx = { viewer: { id: user.id as number, role: 'marketer' as const, teamId: null }, ip: null, requestId: null };
  const campaign = await services.campaigns.create(ctx, { name: 'bench', purpose: 'service', mode: 'preview' });
  const started = performance.now();
  const r = await services.campaignImports.import(ctx, campaign.id, { existing: 'merge' }, Readable.from(csv()));
  const seconds = (performance.now() - started) / 1000;
  const dry0 = performance.now();
  const dry = await services.dryRun.run(ctx.viewer, (await services.campaigns.visible(ctx.viewer, campaign.id)), 100, 10);
  const drySeconds = (performance.now() - dry0) / 1000;
  console.log(JSON.stringify({ rows, imported: r.imported, rejected: r.rejected.length, seconds: +seconds.toFixed(2), rowsPerSecond: Math.round(rows / seconds), dryRunSeconds: +drySeconds.toFixed(2), dryRunWouldDial: dry.wouldDialCount }));
} finally {
  await db.destroy();
  await admin.raw(`DROP DATABASE ${name}`);
  await admin.destroy();
}
