import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../../../contract/index.js';
import { consentStates } from './consent-state.js';

const rec = (id: number, purpose: ConsentRecord['purpose'], decision: ConsentRecord['decision'], at: string): ConsentRecord => ({
  id, purpose, decision, channel: 'call', at, recordedById: 1, recordedByName: 'A',
});

describe('consentStates', () => {
  it('is unknown for a purpose never decided, and the latest decision otherwise, whatever the order given', () => {
    const states = consentStates([
      rec(2, 'marketing_calls', 'withdrawn', '2026-12-02T10:00:00.000Z'),
      rec(1, 'marketing_calls', 'given', '2026-12-01T10:00:00.000Z'),
      rec(3, 'service_calls', 'given', '2026-11-01T10:00:00.000Z'),
    ]);
    expect(states.map((s) => [s.purpose, s.state])).toEqual([['service_calls', 'given'], ['marketing_calls', 'withdrawn'], ['marketing_sms', 'unknown']]);
    expect(states[1]!.at).toBe('2026-12-02T10:00:00.000Z');
  });

  it('lets the later write win when two decisions carry the same time', () => {
    const at = '2026-12-02T10:00:00.000Z';
    expect(consentStates([rec(5, 'marketing_sms', 'withdrawn', at), rec(4, 'marketing_sms', 'given', at)])[2]!.state).toBe('withdrawn');
    expect(consentStates([rec(4, 'marketing_sms', 'withdrawn', at), rec(5, 'marketing_sms', 'given', at)])[2]!.state).toBe('given');
  });
});
