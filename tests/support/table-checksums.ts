// Every table's row count and a checksum of its rows (md5 of the rows as text, in order), and
// every sequence's position: two databases with equal checksums hold the same data.
import pg from 'pg';

export interface TableChecksum {
  rows: number;
  md5: string;
}

export async function tableChecksums(url: string): Promise<Record<string, TableChecksum | { lastValue: string; isCalled: boolean }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, TableChecksum | { lastValue: string; isCalled: boolean }> = {};
    const tables = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    for (const { name } of tables.rows) {
      const r = await client.query<{ n: string; md5: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM public.${client.escapeIdentifier(name)} t`,
      );
      out[name] = { rows: Number(r.rows[0]!.n), md5: r.rows[0]!.md5 ?? '' };
    }
    const seqs = await client.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
    for (const { name } of seqs.rows) {
      const r = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM public.${client.escapeIdentifier(name)}`);
      out[`sequence ${name}`] = { lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called };
    }
    return out;
  } finally {
    await client.end();
  }
}
