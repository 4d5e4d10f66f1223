import { describe, expect, it } from 'vitest';
import { checkPurchaseRow, purchaseColumnsOf, purchaseTime, type PurchaseColumns } from './purchase-row.js';

const NAMES = { customer: 'customer', phone: 'phone', date: 'date', amount: 'amount', currency: 'currency', product: 'product', category: 'category', order: 'order' };

describe('a purchases file', () => {
  it('needs a customer or phone column, a date and an amount; names match ignoring case', () => {
    expect(purchaseColumnsOf(['Date', 'Amount'], NAMES)).toEqual({ missing: 'customer' });
    expect(purchaseColumnsOf(['Phone', 'Amount'], NAMES)).toEqual({ missing: 'date' });
    expect(purchaseColumnsOf(['Phone', 'DATE', 'Amount', 'Product'], NAMES)).toMatchObject({ customer: null, phone: 0, date: 1, amount: 2, product: 3, width: 4 });
  });

  it('reads a date as the start of that day in the center’s zone, a local time there, or an ISO time', () => {
    expect(purchaseTime('2026-11-03', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(purchaseTime('2026-11-03 09:30', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-03T01:30:00.000Z');
    expect(purchaseTime('2026-11-03T09:30:00Z', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-03T09:30:00.000Z');
    expect(purchaseTime('2026-02-30', 'Asia/Shanghai')).toBeNull();
    expect(purchaseTime('03/11/2026', 'Asia/Shanghai')).toBeNull();
    expect(purchaseTime('2199-01-01', 'Asia/Shanghai')).toBeNull();
  });

  it('rejects each bad field with its reason, and never keeps a readable number as detail', () => {
    const cols = purchaseColumnsOf(['phone', 'date', 'amount', 'currency', 'order'], NAMES) as PurchaseColumns;
    const check = (cells: string[]) => checkPurchaseRow(cells, cols, 'CN', 'Asia/Shanghai');
    expect(check(['139 5555 0101', '2026-11-03', '199.90', 'cny', 'A-1'])).toMatchObject({ ok: true, purchase: { e164: '+8613955550101', amount: '199.90', currency: 'CNY', orderRef: 'A-1' } });
    expect(check(['', '2026-11-03', '1', '', ''])).toEqual({ ok: false, reason: 'customer_missing', detail: null });
    expect(check(['12345', '2026-11-03', '1', '', ''])).toEqual({ ok: false, reason: 'customer_unknown', detail: '12345' });
    expect(check(['13955550101', 'yesterday', '1', '', ''])).toEqual({ ok: false, reason: 'bad_date', detail: 'yesterday' });
    expect(check(['13955550101', '2026-11-03', '-5', '', ''])).toEqual({ ok: false, reason: 'bad_amount', detail: '-5' });
    expect(check(['13955550101', '2026-11-03', '1.999', '', ''])).toMatchObject({ reason: 'bad_amount' });
    expect(check(['13955550101', '2026-11-03', '1', 'yuan', ''])).toMatchObject({ reason: 'bad_currency' });
    expect(check(['13955550101', '2026-11-03', '1', '', '', 'x'])).toMatchObject({ reason: 'too_many_columns' });
  });
});
