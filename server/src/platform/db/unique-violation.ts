// A unique constraint PostgreSQL refused, by name: lets a service turn a race between two
// admins saving the same name into a field error instead of a 500.

/** The violated unique constraint's name, or null when `err` is anything else. */
export function uniqueViolation(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && typeof e.constraint === 'string' ? e.constraint : null;
}
