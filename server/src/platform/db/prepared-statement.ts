// The hot reads (the screen-pop, the caller look-up by number) run as named prepared
// statements: PostgreSQL parses and plans each once per connection instead of on every call,
// and knex builds and compiles each statement once per shape instead of on every call (for the
// pop, building and compiling cost about as much as a cached read in the database).
//
// A statement's shape is everything its text depends on (the viewer's visibility rule, which
// parts it reads, its limits); its values change call by call. pg names a statement per
// connection and refuses a name reused for another text, so the name is a hash of the text.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** A statement compiled once: its text with `?` placeholders and the values it was built with. */
export interface CompiledShape {
  sql: string;
  bindings: readonly unknown[];
  name: string;
}

/** Shapes are few (roles × parts × limits); the cap only guards against a caller keying by value. */
const MAX_SHAPES = 256;

export function statementName(sql: string): string {
  return `kefu_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
}

export class PreparedShapes {
  private readonly shapes = new Map<string, CompiledShape>();

  /**
   * The statement for `shape`, compiled by `build` the first time. `build` MUST give the same
   * text for the same shape key; the values of later calls are set by the caller.
   */
  compiled(shape: string, build: () => Knex.QueryBuilder | Knex.Raw): CompiledShape {
    let found = this.shapes.get(shape);
    if (!found) {
      const { sql, bindings } = build().toSQL();
      found = { sql, bindings, name: statementName(sql) };
      if (this.shapes.size < MAX_SHAPES) this.shapes.set(shape, found);
    }
    return found;
  }
}

/** Runs a compiled shape with these values as a named prepared statement (knex hands `name` to pg). */
export function runPrepared<R>(db: Knex, shape: CompiledShape, values: readonly unknown[]): Knex.Raw<R> {
  if (values.length !== shape.bindings.length) {
    throw new Error(`prepared statement ${shape.name} takes ${shape.bindings.length} values, got ${values.length}`);
  }
  return db.raw<R>(shape.sql, values as Knex.RawBinding[]).options({ name: shape.name });
}
