// How pg_dump and pg_restore reach the database: the URL's parts as libpq environment
// variables, so the password never appears on a command line (where `ps` would show it).
import pg from 'pg';
import { majorOfServerVersionNum } from '../rules/pg-tool-choice.js';

export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {
    PGHOST: decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1') || 'localhost',
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    PGAPPNAME: 'kefu-backup',
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  // Whatever PG* the operator's shell has set must not redirect the tools elsewhere.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return { ...clean, ...env };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'kefu-backup' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const serverMajor = (url: string): Promise<number> =>
  withClient(url, async (c) => majorOfServerVersionNum(Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v)));

/** Tables, views, sequences… outside the system schemas: zero means an empty database. */
export const userRelationCount = (url: string): Promise<number> =>
  withClient(url, async (c) =>
    Number(
      (
        await c.query<{ n: string }>(`
          SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            AND n.nspname NOT LIKE 'pg_temp%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`)
      ).rows[0]!.n,
    ),
  );

/** Everything in the public schema goes: what --force replaces. Needs the schema's owner. */
export const emptyPublicSchema = (url: string): Promise<void> =>
  withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query('DROP SCHEMA IF EXISTS public CASCADE');
    await c.query('CREATE SCHEMA public');
    await c.query('COMMIT');
  });
