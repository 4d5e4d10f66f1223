// `npm run seed -- --customers N`: adds N generated customers with histories to the database
// kefu uses (DATABASE_URL or the embedded one). Loads the demo set first on an empty database.
import { z } from 'zod';
import { ConfigError, parseConfig } from '../platform/config.js';
import { logger } from '../platform/logger.js';
import { openDatabase } from '../platform/db/open-database.js';
import { seedDemoIfEmpty } from '../seed/demo-seed.js';
import { seedCustomers } from '../seed/customer-seeder.js';
import { completeCaseFields } from '../seed/case-work-seed.js';
import { parseCliArgs } from './cli-args.js';

const Args = z.object({
  customers: z.coerce.number().int().min(1).max(5_000_000).default(1000),
  seed: z.coerce.number().int().min(0).default(Date.now() % 1_000_000),
});

async function main() {
  const args = parseCliArgs(Args, { customers: { type: 'string' }, seed: { type: 'string' } });
  const config = parseConfig(process.env);
  const database = await openDatabase(config, logger);
  try {
    await seedDemoIfEmpty(database.db, config.defaultRegion, logger);
    const agentIds = (await database.db('users').where({ role: 'agent', disabled: false }).pluck('id')) as number[];
    const team = await database.db('users').where({ role: 'agent' }).whereNotNull('team_id').first('team_id');
    const queue = await database.db('queues').orderBy('id').first('id');
    const started = Date.now();
    await seedCustomers(database.db, {
      count: args.customers,
      seed: args.seed,
      agents: { agentIds, teamId: team?.team_id ?? null, queueId: queue?.id ?? null },
      onProgress: (done) => process.stdout.write(`\r${done} / ${args.customers} customers`),
    });
    // The seeder writes cases with due times only; give them search keys, at-risk points and a sweep check.
    await completeCaseFields(database.db, new Date());
    process.stdout.write(`\nAdded ${args.customers} customers in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? '' : 'seed failed: '}${(err as Error).message}\n`);
  process.exit(1);
});
