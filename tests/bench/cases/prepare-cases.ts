// The bulk-loaded tickets and complaints come with due times only; the case services keep more
// beside them. This fills, in SQL over the whole table, what they would have written: search
// keys (computed in the application once per distinct subject, as the services do per case),
// at-risk points and the SLA sweep's state. Then it picks search words a user would type.
import type { Db } from '../../../server/src/platform/db/database.js';
import { documentKeys } from '../../../server/src/platform/search-tokens.js';
import { AT_RISK_POINTS_SQL } from '../../../server/src/seed/case-work-seed.js';
import { refreshAllCaseSla } from '../../../server/src/cases/data/case-sla.sql.js';

export async function prepareCases(db: Db): Promise<{ seconds: number; searchWords: string[] }> {
  const t0 = Date.now();
  const subjects = ((await db('tickets').distinct('subject')) as { subject: string }[]).map((r) => r.subject);
  await db.raw('CREATE UNLOGGED TABLE bench_subject_keys (subject text PRIMARY KEY, keys text[])');
  for (let i = 0; i < subjects.length; i += 500) {
    await db('bench_subject_keys').insert(subjects.slice(i, i + 500).map((subject) => ({ subject, keys: documentKeys(subject) })));
  }
  // A number such as C-2026-000042 is found by its parts, as documentKeys makes them.
  await db.raw(
    `UPDATE tickets t SET
       search = array_to_tsvector(s.keys || string_to_array(lower(t.number), '-')),
       ${AT_RISK_POINTS_SQL}
     FROM bench_subject_keys s WHERE s.subject = t.subject`,
  );
  await db.raw('DROP TABLE bench_subject_keys');
  // The sweep's working set, breached cases known as such (the sweep's first pass, the
  // catch-up, records what each has passed).
  await refreshAllCaseSla(db);
  await db.raw(`UPDATE case_sla SET status = CASE WHEN resolve_due_at < now() THEN 'breached' ELSE 'on_track' END`);
  await db.raw('VACUUM ANALYZE tickets');
  await db.raw('VACUUM ANALYZE case_sla');
  // Words from the subjects: Latin words whole, Chinese as two- and three-character pieces.
  const words = new Set<string>();
  for (const subject of subjects) {
    for (const w of subject.match(/[A-Za-z]{4,}/g) ?? []) words.add(w.toLowerCase());
    for (const run of subject.match(/\p{Script=Han}{2,}/gu) ?? []) {
      const chars = [...run];
      for (let i = 0; i + 2 <= chars.length; i++) words.add(chars.slice(i, i + 2).join(''));
      for (let i = 0; i + 3 <= chars.length; i++) words.add(chars.slice(i, i + 3).join(''));
    }
  }
  return { seconds: Math.round((Date.now() - t0) / 100) / 10, searchWords: [...words].slice(0, 400) };
}
