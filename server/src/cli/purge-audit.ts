// `npm run purge-audit`: removes the audit entries older than KEFU_AUDIT_RETENTION_DAYS (3 years
// by default) from the configured database, through the database's own purge (which keeps the
// chain verifiable from its anchor), and writes the purge itself to the log. The daily
// retention run does the same; this is for an operator who wants it now. Exit 0 when done.
import { parseConfig } from '../platform/config.js';
import { logger } from '../platform/logger.js';
import { openDatabase } from '../platform/db/open-database.js';
import { AuditRetention } from '../identity/audit-retention.service.js';
import { AuditRepository } from '../identity/data/audit.repository.js';
import { SearchTermHasher } from '../platform/search-term-hash.js';
import { loadHashKey } from '../platform/hash-key.js';

async function main(): Promise<number> {
  const config = parseConfig({ ...process.env, KEFU_ADMIN_USERNAME: undefined, KEFU_ADMIN_PASSWORD: undefined });
  const log = logger.child({ module: 'purge-audit' });
  log.level = 'warn';
  const database = await openDatabase({ ...config, dbPool: { min: 0, max: 2 } }, log);
  try {
    const audit = new AuditRepository(database.db, new SearchTermHasher(loadHashKey(config.hashKey, config.dataDir), config.defaultRegion));
    const retention = new AuditRetention({ db: database.db, audit, keepDays: config.auditRetentionDays, now: () => new Date() });
    const { purged, throughId, keepDays } = await retention.purge({ userId: null });
    process.stdout.write(
      purged === 0
        ? `No audit entry is older than ${keepDays} days; nothing was removed.\n`
        : `Removed ${purged} audit entries older than ${keepDays} days (up to entry ${throughId}); the chain now starts after it.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`purge-audit failed: ${(err as Error).message}\n`);
    process.exit(2);
  },
);
