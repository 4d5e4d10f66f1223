import crypto from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../../server/src/platform/db/database.js';
import { withDatabase } from './db-url.js';

export interface TestDb {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own, cloned from the template made in global set-up. */
export async function createTestDb(): Promise<TestDb> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `${inject('pgRunPrefix')}${crypto.randomBytes(6).toString('hex')}`;
  const admin = createDb(adminUrl, 1);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        // Two files cloning the template at the same moment: PostgreSQL refuses the second.
        if (attempt > 20 || !String((err as Error).message).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.destroy();
  }
  const url = withDatabase(adminUrl, name);
  const db = createDb(url, 5);
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy();
      const a = createDb(adminUrl, 1);
      await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.destroy();
    },
  };
}
