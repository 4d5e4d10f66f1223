import { describe, expect, it } from 'vitest';
import { legalHolds } from './legal-hold.js';

describe('legalHolds', () => {
  it('holds on a complaint until it is closed, resolved ones included', () => {
    for (const status of ['new', 'open', 'pending_customer', 'resolved'] as const) {
      expect(legalHolds([{ number: 'C-1', kind: 'complaint', status, category: 'service' }])).toEqual([{ kind: 'open_complaint', caseNumber: 'C-1' }]);
    }
    expect(legalHolds([{ number: 'C-1', kind: 'complaint', status: 'closed', category: 'service' }])).toEqual([]);
  });

  it('holds on a case in dispute, of either kind, and not on an ordinary ticket', () => {
    expect(legalHolds([{ number: 'T-2', kind: 'ticket', status: 'open', category: ' Dispute ' }])).toEqual([{ kind: 'dispute', caseNumber: 'T-2' }]);
    expect(legalHolds([{ number: 'T-3', kind: 'ticket', status: 'open', category: 'billing' }])).toEqual([]);
    expect(legalHolds([{ number: 'T-4', kind: 'ticket', status: 'closed', category: 'dispute' }])).toEqual([]);
  });
});
