// A kefu server on an empty database outside demo mode, as a site first runs it: no demo data,
// one admin made from KEFU_ADMIN_USERNAME and KEFU_ADMIN_PASSWORD, a data key from the
// environment. Started for one test (it owns its database) and stopped after it.
import { test as base } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ownDatabase, startKefu } from './own-kefu.js';

export interface EmptySite {
  /** The console of this server, e.g. http://127.0.0.1:41234. */
  baseURL: string;
  admin: { username: string; password: string };
}

export const test = base.extend<{ emptySite: EmptySite }>({
  emptySite: [
    async ({}, use) => {
      const admin = { username: 'site.admin', password: `first-admin-${randomBytes(6).toString('hex')}` };
      const db = await ownDatabase('empty');
      // The key files (the hash key) live in the data directory; an embedded database brings its own.
      const dataDir = db.env.KEFU_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-empty-data-'));
      try {
        const kefu = await startKefu({
          PORT: '0',
          HOST: '127.0.0.1',
          PUBLIC_URL: '',
          KEFU_DEMO: '0',
          KEFU_ADMIN_USERNAME: admin.username,
          KEFU_ADMIN_PASSWORD: admin.password,
          KEFU_DATA_KEY: randomBytes(32).toString('base64'),
          DATABASE_URL: db.url,
          ...db.env,
          KEFU_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          // Browser to browser calls need no media plane; none is started beside the shared one.
          KEFU_RTPENGINE: 'off',
        });
        try {
          await use({ baseURL: kefu.baseURL, admin });
        } finally {
          await kefu.stop();
        }
      } finally {
        await db.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    // A first start of the embedded PostgreSQL (initdb) takes a while on a small machine; that
    // is set-up, not the test's time.
    { timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
