// Which pg_dump or pg_restore to run. pg_dump refuses a server newer than itself, and pg_restore
// cannot read an archive written by a newer pg_dump; both handle older ones. So: the oldest tool
// that is at least as new as needed, which is the server's own version when it is there.

export interface PgTool {
  path: string;
  /** Major version, from `--version`. */
  major: number;
}

export function chooseTool(tools: readonly PgTool[], needMajor: number): PgTool | null {
  const fit = tools.filter((t) => t.major >= needMajor).sort((a, b) => a.major - b.major);
  return fit[0] ?? null;
}

/** "15 (/usr/bin/pg_dump), 16 (/opt/pg16/bin/pg_dump)", or "none" — for the message when none fits. */
export function describeTools(tools: readonly PgTool[]): string {
  return tools.length ? tools.map((t) => `${t.major} (${t.path})`).join(', ') : 'none';
}

/** The major version in `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`; null when unreadable. */
export function majorOfVersionLine(line: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.\d+)?/.exec(line);
  return m ? Number(m[1]) : null;
}

/** The major version of a server_version_num (150018 → 15). */
export const majorOfServerVersionNum = (n: number): number => Math.floor(n / 10_000);
