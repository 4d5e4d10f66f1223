// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export const NULL = '\\N';

export function text(v: string | null | undefined): string {
  if (v === null || v === undefined) return NULL;
  return SPECIAL.test(v) ? v.replace(SPECIAL_ALL, (m) => ESCAPES[m]!) : v;
}

export function num(v: number | null | undefined): string {
  return v === null || v === undefined ? NULL : String(v);
}

export function ts(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? NULL : new Date(ms).toISOString();
}

export function bool(v: boolean | null | undefined): string {
  return v === null || v === undefined ? NULL : v ? 't' : 'f';
}

/** A text[] literal, every element quoted. */
export function textArray(items: readonly string[]): string {
  return text(`{${items.map((s) => `"${s.replace(/["\\]/g, (m) => '\\' + m)}"`).join(',')}}`);
}

/** Any value the seeder's row objects hold. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return NULL;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return bool(v);
  return text(String(v));
}

const CHUNK_CHARS = 1 << 18;

function* chunked(rows: Iterable<string>, counter: { rows: number }): Generator<Buffer> {
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    parts.push(row);
    size += row.length;
    counter.rows++;
    if (size >= CHUNK_CHARS) {
      yield Buffer.from(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield Buffer.from(parts.join(''));
}

/** Streams `rows` (each one line ending in \n) into `table (columns)`; returns the row count. */
export async function copyInto(client: pg.Client, table: string, columns: readonly string[], rows: Iterable<string>) {
  const counter = { rows: 0 };
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(chunked(rows, counter)), client.query(copyFrom(sql)));
  return counter.rows;
}
