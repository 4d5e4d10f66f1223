// A kefu server as production runs it behind Kamailio: the softphones and the web phone get
// Kamailio's WebSocket URL and SIP domain from the credentials API and register there, not at
// the built-in switch. Kamailio (tests/support/kamailio.ts, config in tests/kamailio/) and the
// server, with a database of its own, are started for one test and stopped after it, also when
// it fails. The server is a separate process so that its agents, calls and database are apart
// from the shared server the other browser tests use.
import { test as base } from '@playwright/test';
import { KAMAILIO_DOMAIN, startKamailio, type RunningKamailio } from '../../tests/support/kamailio.js';
import { ownDatabase, startKefu } from './own-kefu.js';

export interface KefuBehindKamailio {
  /** The console of this server, e.g. http://127.0.0.1:41234. */
  baseURL: string;
  kamailio: RunningKamailio;
}

export const test = base.extend<{ behindKamailio: KefuBehindKamailio }>({
  behindKamailio: [
    async ({}, use) => {
      const kamailio = await startKamailio();
      try {
        const db = await ownDatabase('kamailio');
        try {
          const kefu = await startKefu({
            // Port 0: the system picks a free one, and the server prints it.
            PORT: '0',
            HOST: '127.0.0.1',
            PUBLIC_URL: '',
            KEFU_DEMO: '1',
            DATABASE_URL: db.url,
            ...db.env,
            KEFU_SIP_WS_URL: kamailio.wsUrl,
            KEFU_SIP_DOMAIN: KAMAILIO_DOMAIN,
            LOG_LEVEL: 'warn',
            // Browser to browser through Kamailio: no media plane here, so none is started on
            // the default ports, where it could meet another test's.
            KEFU_RTPENGINE: 'off',
          });
          try {
            await use({ baseURL: kefu.baseURL, kamailio });
          } finally {
            await kefu.stop();
          }
        } finally {
          await db.drop();
        }
      } finally {
        await kamailio.stop();
      }
    },
    // A first start of the embedded PostgreSQL (initdb) takes a while on a small machine; that
    // is set-up, not the test's time.
    { timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
