// Starts the whole product in one process: database, migrations, demo data, HTTP + Socket.IO.
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Config } from './platform/config.js';
import type { Logger } from './platform/logger.js';
import type { Db } from './platform/db/database.js';
import { openDatabase } from './platform/db/open-database.js';
import { composeServer } from './compose.js';
import { createServices, sealSensitiveData } from './compose.js';
import { loadKeyring } from './platform/crypto/keyring.js';
import { seedDemoIfEmpty } from './seed/demo-seed.js';
import { bootstrapAdmin } from './seed/bootstrap-admin.js';
import { backupDirectory } from './backups/data/backup-directory.js';
import { dataKeySource } from './backups/data-key-source.js';
import { loadHashKey } from './platform/hash-key.js';
import { openMediaPlane, NO_MEDIA, type MediaPlane } from './media/media-plane.js';

export interface RunningServer {
  url: string;
  db: Db;
  demoSeeded: boolean;
  /** Reads queues, their members and the agents again, after they were changed in the database. */
  reloadQueues(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  // One rule for the data key (data-key-source.ts): the demo makes one, anywhere else kefu
  // refuses to start without it (the message names KEFU_DATA_KEY and KEFU_DATA_KEY_FILE), since
  // it could neither read nor write the sealed fields. Checked before the database is opened.
  const keys = dataKeySource(config);
  const { keyring, generated } = loadKeyring(keys);
  if (generated) log.warn({ file: generated }, 'demo: made a data key to encrypt sensitive fields and backups; keep a copy of this file away from the backups');
  const database = await openDatabase(config, log);
  const { db } = database;
  let media: MediaPlane = NO_MEDIA;
  try {
    media = await openMediaPlane(
      {
        mode: config.media.mode,
        externalNg: config.media.externalNg,
        dataDir: config.dataDir,
        // Media on loopback unless kefu itself listens elsewhere.
        interface: config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host,
        ngPort: config.media.ngPort,
        ports: config.media.ports,
      },
      log,
    );
    const services = createServices(db, { ...config, hashKey: loadHashKey(config.hashKey, config.dataDir), keyring });
    await bootstrapAdmin(services.users, config.bootstrapAdmin, log, config.demo);
    const demoSeeded = config.demo ? await seedDemoIfEmpty(db, config.defaultRegion, log) : false;
    // Values written in clear (before encryption, or by the seeders) are sealed before serving.
    const sealed = await sealSensitiveData(db, services.sensitiveFields, 'clear');
    const total = Object.values(sealed).reduce((a, b) => a + b, 0);
    if (total > 0) log.info({ sealed }, `sealed ${total} sensitive values that were stored in clear`);

    const composed = composeServer(services, {
      log,
      secureCookies: config.secureCookies,
      sessionTtlMs: config.sessionTtlMs,
      consoleDir: config.consoleDir,
      publicUrl: config.publicUrl,
      sipDomain: config.sipDomain,
      sipWsUrl: config.sipWsUrl,
      sipAllowedOrigins: config.sipAllowedOrigins,
      defaultRegion: config.defaultRegion,
      demo: config.demo,
      slaSweepMs: config.slaSweepMs,
      retentionEveryMs: 86_400_000,
      rfmNightly: true,
      callLogDb: database.callLogDb,
      media,
      announcements: config.media.announcements,
      sipPlain: { udp: config.sipUdp, tcp: config.sipTcp, trunk: config.trunk },
      redisUrl: config.redisUrl,
      monitoring: config.monitoring,
      // Stable across restarts, so a restart closes its own leftovers at once.
      serverId: config.serverId ?? `${os.hostname()}:${config.port}`,
      backup: {
        schedule: { ...config.backup, timeZone: config.timeZone },
        ...backupDirectory({ url: database.url, dir: config.backup.dir, keys, pgBinDir: config.pgBinDir }),
      },
    });
    const { server } = composed;
    server.headersTimeout = 20_000;
    server.requestTimeout = 30_000;
    await composed.start();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const sweeper = setInterval(() => void services.auth.purgeExpiredSessions().catch(() => undefined), 3600_000);
    sweeper.unref();

    return {
      url: config.publicUrl ?? `http://${host}:${port}`,
      db,
      demoSeeded,
      reloadQueues: () => composed.reloadQueues(),
      async close() {
        clearInterval(sweeper);
        // Stop taking requests, let in-flight ones finish, then close the database last.
        await composed.close();
        await media.stop();
        await database.close();
      },
    };
  } catch (err) {
    await media.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}
