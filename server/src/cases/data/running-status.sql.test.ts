import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, isRunningCaseStatus, RUNNING_CASE_STATUSES } from '../../../../contract/index.js';
import { runningStatusSql } from './running-status.sql.js';

describe('the running case statuses', () => {
  it('are the open ones: resolved and closed cases run no clock', () => {
    expect(CASE_STATUSES.filter(isRunningCaseStatus)).toEqual(['new', 'open', 'pending_customer']);
    expect(isRunningCaseStatus('resolved')).toBe(false);
    expect(isRunningCaseStatus('closed')).toBe(false);
  });

  it('read in SQL as the predicate of the open-cases partial index, so the planner can use it', () => {
    const migration = readFileSync(new URL('../../../../db/migrations/20261126000000_foundation.ts', import.meta.url), 'utf8');
    expect(migration).toContain(`tickets_customer_open ON tickets (customer_id, created_at DESC) WHERE ${runningStatusSql()}`);
    expect(runningStatusSql('t')).toBe(`t.status IN (${RUNNING_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  });
});
