import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

// bigint ids and counts come back as strings by default; ours stay below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Knex;

/**
 * A pool of at most `poolMax` connections that keeps `poolMin` of them open when idle (see
 * warmPool). Kept connections may sit idle for hours, so TCP keepalives are on: a connection a
 * firewall or a restarted server dropped is then noticed, and the pool replaces it on its next
 * acquire instead of handing it out.
 */
export function createDb(url: string, poolMax = 10, poolMin = 0, acquireTimeoutMs = 10_000): Db {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, application_name: 'kefu', keepAlive: true },
    pool: { min: poolMin, max: poolMax },
    acquireConnectionTimeout: acquireTimeoutMs,
  });
}

/**
 * Opens `count` connections now rather than on first use: the pool keeps its minimum once it
 * has it but does not open it by itself, and connecting (TCP, TLS, SCRAM) costs more than a
 * screen-pop's queries.
 */
export async function warmPool(db: Db, count: number): Promise<void> {
  // Concurrent queries: each holds its connection, so the pool has to open `count` of them.
  await Promise.all(Array.from({ length: count }, () => db.raw('SELECT 1')));
}
