// Reads the JSON reports of vitest and Playwright so `npm test` ends on one plain tally line.
import fs from 'node:fs';

export interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function summarizeVitest(file: string): Tally {
  const r = readJson(file);
  if (!r) return { name: 'vitest', passed: 0, failed: 1, skipped: 0 };
  // A file that fails to load has no failed test but is a failed suite; a run that found no
  // test at all (vitest exits 0 on some configuration errors) or reports no success failed too.
  const failed = (r.numFailedTests ?? 0) > 0 ? r.numFailedTests : (r.numFailedTestSuites ?? 0);
  const broken = r.success !== true || (r.numTotalTests ?? 0) === 0;
  return {
    name: 'vitest',
    passed: r.numPassedTests ?? 0,
    failed: failed === 0 && broken ? 1 : failed,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

export function summarizePlaywright(file: string): Tally {
  const r = readJson(file);
  if (!r) return { name: 'playwright', passed: 0, failed: 1, skipped: 0 };
  const s = r.stats ?? {};
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0);
  // Errors outside tests (the web server did not start, a spec failed to load) count too.
  const broken = (r.errors?.length ?? 0) > 0 || (s.expected ?? 0) + failed === 0;
  return { name: 'playwright', passed: s.expected ?? 0, failed: failed === 0 && broken ? 1 : failed, skipped: s.skipped ?? 0 };
}
