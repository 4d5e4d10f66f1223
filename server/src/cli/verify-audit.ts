// `npm run verify-audit`: checks the audit log's hash chain from the first entry (or the anchor
// of the last retention purge) to the last,
// in the configured database (DATABASE_URL or the embedded one). Prints the first broken
// entry and exits 1 when an entry was changed, removed from the middle or inserted out of
// the chain; exits 0 when the chain holds; 2 when the check could not run.
import { parseConfig } from '../platform/config.js';
import { logger } from '../platform/logger.js';
import { openDatabase } from '../platform/db/open-database.js';
import { verifyAuditChain } from '../identity/audit-chain.js';

async function main(): Promise<number> {
  const config = parseConfig({ ...process.env, KEFU_ADMIN_USERNAME: undefined, KEFU_ADMIN_PASSWORD: undefined });
  const log = logger.child({ module: 'verify-audit' });
  log.level = 'warn';
  const database = await openDatabase({ ...config, dbPool: { min: 0, max: 2 } }, log);
  try {
    const { checked, firstBreak, anchor } = await verifyAuditChain(database.db);
    // After a retention purge the check starts at the purge's anchor, and says so.
    const from = anchor ? ` (from the retention purge of ${anchor.purgedAt}, after entry ${anchor.throughId})` : '';
    if (!firstBreak) {
      process.stdout.write(`The audit log's chain holds: ${checked} entries checked${from}.\n`);
      return 0;
    }
    const why =
      firstBreak.reason === 'hash'
        ? 'the entry was changed after it was written'
        : 'it does not follow the entry before it (an entry was removed or inserted before it)';
    process.stdout.write(
      `The audit log's chain is broken at entry ${firstBreak.id} (${firstBreak.at}, ${firstBreak.action}): ${why}.\n` +
        `${checked} entries before it are intact.\n`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

// An explicit exit code: process.exitCode set above was found reset to 0 on the way out.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`verify-audit failed: ${(err as Error).message}\n`);
    process.exit(2);
  },
);
