import { describe, expect, it } from 'vitest';
import { checkImportRow, columnMapOf, type ColumnNames } from './import-row.js';

const NAMES: ColumnNames = { phone: 'phone', name: 'name', priority: 'priority', score: 'score', timezone: 'timezone' };

describe('lead import rows', () => {
  const cols = columnMapOf(['Phone', 'Name', 'Priority'], NAMES)!;

  it('finds the columns by header, ignoring case, and needs a phone column', () => {
    expect(cols).toMatchObject({ phone: 0, name: 1, priority: 2, score: null, width: 3 });
    expect(columnMapOf(['mobile', 'name'], NAMES)).toBeNull();
    expect(columnMapOf(['mobile', 'name'], { ...NAMES, phone: 'Mobile' })).toMatchObject({ phone: 0 });
  });

  it('normalises a national number to E.164 and derives its time zone from the country', () => {
    expect(checkImportRow(['138 0013 8000', ' Li Lei ', '5'], cols, 'CN', 'UTC')).toEqual({
      ok: true,
      lead: { e164: '+8613800138000', name: 'Li Lei', priority: 5, score: 0, timeZones: ['Asia/Shanghai'] },
    });
    const us = checkImportRow(['+1 202 555 0123', '', ''], cols, 'CN', 'UTC');
    expect(us.ok && us.lead.timeZones).toContain('America/Los_Angeles');
  });

  it('rejects each bad row with its reason', () => {
    expect(checkImportRow(['', 'x', ''], cols, 'CN', 'UTC')).toMatchObject({ ok: false, reason: 'phone_missing' });
    expect(checkImportRow(['12345', 'x', ''], cols, 'CN', 'UTC')).toMatchObject({ ok: false, reason: 'phone_invalid', detail: '12345' });
    expect(checkImportRow(['13800138000', 'x', 'high'], cols, 'CN', 'UTC')).toMatchObject({ ok: false, reason: 'bad_priority' });
    expect(checkImportRow(['13800138000', 'x', '1', 'extra'], cols, 'CN', 'UTC')).toMatchObject({ ok: false, reason: 'too_many_columns' });
    expect(checkImportRow(['13800138000', 'x'.repeat(201), ''], cols, 'CN', 'UTC')).toMatchObject({ ok: false, reason: 'name_too_long' });
  });

  it('takes an explicit time zone column over the number’s country', () => {
    const withZone = columnMapOf(['phone', 'timezone'], NAMES)!;
    expect(checkImportRow(['13800138000', 'asia/urumqi'], withZone, 'CN', 'UTC')).toMatchObject({ ok: true, lead: { timeZones: ['Asia/Urumqi'] } });
    expect(checkImportRow(['13800138000', 'Mars/Olympus'], withZone, 'CN', 'UTC')).toMatchObject({ ok: false, reason: 'bad_time_zone' });
  });
});
