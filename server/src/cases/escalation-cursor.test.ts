import { describe, expect, it } from 'vitest';
import type { EscalationView } from '../../../contract/index.js';
import { DomainError } from '../platform/domain-error.js';
import { decodeEscalationCursor, escalationCursorAfter } from './escalation-cursor.js';

const row = (over: Partial<EscalationView>): EscalationView => ({
  id: 4711,
  caseId: 1,
  caseNumber: 'C-2026-000001',
  caseKind: 'complaint',
  subject: 's',
  customerName: 'c',
  assigneeName: null,
  clock: 'acknowledge',
  level: 'at_risk',
  dueAt: '2026-11-01T09:00:00.000Z',
  firedAt: '2026-11-01T08:30:00.123Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...over,
});

describe('escalation list cursor', () => {
  it('carries the last row’s place: read or not, when it fired, its id', () => {
    expect(decodeEscalationCursor(escalationCursorAfter(row({})))).toEqual({ acknowledged: false, firedAt: new Date('2026-11-01T08:30:00.123Z'), id: 4711 });
    expect(decodeEscalationCursor(escalationCursorAfter(row({ acknowledgedAt: '2026-11-02T00:00:00.000Z' }))).acknowledged).toBe(true);
  });

  it.each([
    '',
    'garbage',
    Buffer.from('0|yesterday|1').toString('base64url'),
    Buffer.from('2|2026-01-01T00:00:00Z|1').toString('base64url'),
    Buffer.from('0|2026-01-01T00:00:00Z|-3').toString('base64url'),
    Buffer.from('0|2026-01-01T00:00:00Z|1|x').toString('base64url'),
  ])('refuses a cursor it did not give out: %j', (s) => {
    expect(() => decodeEscalationCursor(s)).toThrow(DomainError);
  });
});
