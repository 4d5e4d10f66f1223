// Integration tests run against a real PostgreSQL: DATABASE_URL when set (CI: Debian's
// PostgreSQL 15), otherwise the embedded one in a throw-away directory. A migrated template
// database is made once; every test file clones it (tests/support/test-db.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../server/src/platform/db/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/src/platform/db/embedded.js';
import { migrateLatest } from '../../server/src/platform/db/migrate.js';
import { logger } from '../../server/src/platform/logger.js';
import { withDatabase } from './db-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    /** Every test database of this run starts with it. */
    pgRunPrefix: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let embedded: EmbeddedDatabase | null = null;
let dataDir: string | null = null;

export async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres(dataDir, await freePort(), logger.child({ module: 'test-pg' }));
    adminUrl = embedded.url;
  }
  // This run's databases carry its own mark, so that the clean-up below leaves alone those of
  // another checkout running its tests against the same server at the same time.
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const template = `kefu_test_tpl_${run}`;
  const admin = createDb(adminUrl, 1);
  await admin.raw(`DROP DATABASE IF EXISTS ${template}`);
  await admin.raw(`CREATE DATABASE ${template}`);
  await admin.destroy();
  const tpl = createDb(withDatabase(adminUrl, template), 1);
  await migrateLatest(tpl);
  await tpl.destroy();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgRunPrefix', `kefu_t_${run}_`);

  return async () => {
    const a = createDb(adminUrl, 1);
    // Drop whatever this run's test files left behind (they drop their own; a crash may not).
    const rows = await a('pg_database').select('datname').where('datname', 'like', `kefu\\_t\\_${run.replaceAll('_', '\\_')}\\_%`).orWhere('datname', template);
    for (const r of rows as { datname: string }[]) await a.raw(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await a.destroy();
    if (embedded) await embedded.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
