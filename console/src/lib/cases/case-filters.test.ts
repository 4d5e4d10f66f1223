import { describe, expect, it } from 'vitest';
import { filtersToQuery, hasFilters, NO_FILTERS, parseFilters } from './case-filters.js';

describe('case list filters in the URL', () => {
  it('reads the filters a link asks for', () => {
    expect(parseFilters('?status=active&priority=P1&assignee=me&q=refund')).toEqual({
      ...NO_FILTERS,
      status: 'active',
      priority: 'P1',
      assignee: 'me',
      q: 'refund',
    });
  });

  it('drops values the server would refuse, so an old or hand-edited link still lists cases', () => {
    const f = parseFilters('status=lost&kind=letter&teamId=0&assignee=someone&due=yesterday&sla=fine&extra=1');
    expect(f).toEqual(NO_FILTERS);
    expect(hasFilters(f)).toBe(false);
  });

  it('accepts a team or an assignee only as a positive id', () => {
    expect(parseFilters('teamId=12&assignee=7')).toMatchObject({ teamId: '12', assignee: '7' });
    expect(parseFilters('teamId=-1&assignee=07')).toMatchObject({ teamId: '', assignee: '' });
  });

  it('limits the search text and the category to what the server takes', () => {
    expect(parseFilters(`q=${'x'.repeat(101)}`).q).toBe('');
    expect(parseFilters(`category=${'y'.repeat(61)}`).category).toBe('');
  });

  it('writes back only the filters that are set, trimmed, in a stable order', () => {
    const query = filtersToQuery({ ...NO_FILTERS, sla: 'breached', q: '  refund ', kind: 'complaint', category: '   ' });
    expect(query).toBe('q=refund&kind=complaint&sla=breached');
    expect(filtersToQuery(NO_FILTERS)).toBe('');
  });

  it('round-trips a link through the form', () => {
    const query = 'q=%E9%80%80%E6%AC%BE&status=pending_customer&due=overdue';
    expect(filtersToQuery(parseFilters(query))).toBe(query);
  });

  it('tells whether any filter is set, blank text not counting', () => {
    expect(hasFilters({ ...NO_FILTERS, q: '  ' })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, due: 'today' })).toBe(true);
  });
});
