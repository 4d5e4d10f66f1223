import { describe, expect, it } from 'vitest';
import { NO_AUDIT_FILTERS, toAuditFilter } from './audit-log.svelte.js';
import { filterParams } from './audit-api.js';

describe('toAuditFilter', () => {
  it('sends only the filters filled in, trimmed, with the fields’ instants', () => {
    expect(toAuditFilter(NO_AUDIT_FILTERS)).toEqual({});
    const f = toAuditFilter({ ...NO_AUDIT_FILTERS, userId: '7', action: ' customer. ', entityId: '  ', outcome: 'denied', from: '2026-12-01T01:30:00.000Z', term: ' 138 0013 8000 ' });
    expect(f).toEqual({ userId: 7, action: 'customer.', outcome: 'denied', from: '2026-12-01T01:30:00.000Z', term: '138 0013 8000' });
  });

  it('drops a time that is not an instant instead of sending it', () => {
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, to: 'soon' })).toEqual({});
  });
});

describe('filterParams', () => {
  it('writes the filter as a query string', () => {
    expect(filterParams({ userId: 3, term: '+86 138' }).toString()).toBe('userId=3&term=%2B86+138');
  });
});
