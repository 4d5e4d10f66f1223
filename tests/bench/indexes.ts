// Bulk-load practice: drop the secondary indexes, unique and foreign-key constraints of the
// loaded tables before COPY, rebuild them after. Definitions are read from the catalog right
// after the migration ran, rebuilt from those exact definitions, and the schema is compared
// with the migrated one afterwards, so the benchmark queries the schema the migration makes.
import pg from 'pg';
import { elapsedMs, round } from './stats.js';

export const LOADED_TABLES = ['customers', 'customer_phones', 'interactions', 'tickets'];

interface IndexJob {
  table: string;
  name: string;
  /** CREATE [UNIQUE] INDEX ... as pg_get_indexdef prints it. */
  createSql: string;
  /** For a unique constraint: attaches the rebuilt index as the constraint. */
  attachSql: string | null;
}

interface ForeignKey {
  table: string;
  name: string;
  addSql: string;
}

export interface SecondarySchema {
  indexes: IndexJob[];
  foreignKeys: ForeignKey[];
}

export interface RebuildTiming {
  indexSeconds: number;
  foreignKeySeconds: number;
  perIndex: Record<string, number>;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

export async function captureSecondary(client: pg.Client, tables = LOADED_TABLES): Promise<SecondarySchema> {
  const plain = await client.query<{ table: string; name: string; def: string }>(
    `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = x.indrelid AND k.conindid = x.indexrelid)`,
    [tables],
  );
  const unique = await client.query<{ table: string; name: string; index: string; def: string }>(
    `SELECT c.relname AS table, k.conname AS name, i.relname AS index, pg_get_indexdef(k.conindid) AS def
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class i ON i.oid = k.conindid
      WHERE k.contype = 'u' AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
    [tables],
  );
  const fks = await client.query<{ table: string; name: string; def: string }>(
    `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
    [tables],
  );
  return {
    indexes: [
      ...unique.rows.map((r) => ({
        table: r.table,
        name: r.index,
        createSql: r.def,
        attachSql: `ALTER TABLE ${q(r.table)} ADD CONSTRAINT ${q(r.name)} UNIQUE USING INDEX ${q(r.index)}`,
      })),
      ...plain.rows.map((r) => ({ table: r.table, name: r.name, createSql: r.def, attachSql: null })),
    ],
    foreignKeys: fks.rows.map((r) => ({
      table: r.table,
      name: r.name,
      addSql: `ALTER TABLE ${q(r.table)} ADD CONSTRAINT ${q(r.name)} ${r.def}`,
    })),
  };
}

export async function dropSecondary(client: pg.Client, s: SecondarySchema): Promise<void> {
  await client.query('BEGIN');
  for (const fk of s.foreignKeys) await client.query(`ALTER TABLE ${q(fk.table)} DROP CONSTRAINT ${q(fk.name)}`);
  for (const ix of s.indexes) {
    if (ix.attachSql) await client.query(`ALTER TABLE ${q(ix.table)} DROP CONSTRAINT ${q(ix.name)}`);
    else await client.query(`DROP INDEX ${q(ix.name)}`);
  }
  await client.query('COMMIT');
}

/**
 * Builds the indexes with `jobs` connections (biggest tables first), then attaches the unique
 * constraints and validates the foreign keys one by one (they lock both tables they join).
 */
export async function rebuildSecondary(
  url: string,
  s: SecondarySchema,
  jobs: number,
  rowsOf: (table: string) => number,
  onIndex: (name: string, seconds: number) => void,
): Promise<RebuildTiming> {
  const perIndex: Record<string, number> = {};
  const queue = [...s.indexes].sort((a, b) => rowsOf(b.table) - rowsOf(a.table));
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    const client = new pg.Client({ connectionString: url, application_name: 'kefu-bench-index' });
    client.on('error', () => undefined); // reported by the failing query
    await client.connect();
    try {
      await client.query(`SET maintenance_work_mem = '1GB'`);
      for (let job = queue.shift(); job; job = queue.shift()) {
        const t = process.hrtime.bigint();
        await client.query(job.createSql);
        perIndex[job.name] = round(elapsedMs(t) / 1000, 2);
        onIndex(job.name, perIndex[job.name]!);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  const client = new pg.Client({ connectionString: url, application_name: 'kefu-bench-index' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const ix of s.indexes) if (ix.attachSql) await client.query(ix.attachSql);
    const indexSeconds = elapsedMs(t0) / 1000;
    const t1 = process.hrtime.bigint();
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const fk of s.foreignKeys) await client.query(fk.addSql);
    return { indexSeconds: round(indexSeconds, 2), foreignKeySeconds: round(elapsedMs(t1) / 1000, 2), perIndex };
  } finally {
    await client.end();
  }
}

/** Every index and constraint of the tables, as text: equal lists mean an equal schema. */
export async function schemaSnapshot(client: pg.Client, tables = LOADED_TABLES): Promise<string[]> {
  const r = await client.query<{ line: string }>(
    `SELECT 'index ' || pg_get_indexdef(x.indexrelid) AS line
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
     UNION ALL
     SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || k.contype::text || ' ' || pg_get_constraintdef(k.oid)
            || CASE WHEN k.convalidated THEN '' ELSE ' NOT VALID' END
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
    [tables],
  );
  return r.rows.map((x) => x.line).sort();
}
