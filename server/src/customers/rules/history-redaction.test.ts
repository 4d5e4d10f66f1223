import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../../../contract/index.js';
import { historyAsSeenBy } from './history-redaction.js';

const call = (disposition: string | null, notes: string | null) =>
  ({ id: 1, disposition, dispositionLabel: disposition ? { label: disposition, labelZh: disposition } : null, notes }) as unknown as Interaction;
const revealing = new Set(['complaint_logged']);

describe('historyAsSeenBy', () => {
  it('shows roles that see cases the whole history', () => {
    const items = [call('complaint_logged', '客户投诉')];
    for (const role of ['agent', 'supervisor', 'admin'] as const) expect(historyAsSeenBy({ id: 1, role, teamId: 1 }, items, revealing)).toEqual(items);
  });

  it('hides notes and case-revealing wrap-up codes from a marketer, and keeps the rest', () => {
    const marketer = { id: 2, role: 'marketer' as const, teamId: null };
    const [complaint, sale] = historyAsSeenBy(marketer, [call('complaint_logged', '客户投诉'), call('sale', '下单两台')], revealing);
    expect(complaint).toMatchObject({ disposition: null, dispositionLabel: null, notes: null });
    expect(sale).toMatchObject({ disposition: 'sale', dispositionLabel: { label: 'sale' }, notes: null });
  });
});
