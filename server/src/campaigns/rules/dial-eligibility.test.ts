import { describe, expect, it } from 'vitest';
import { CampaignRules } from '../../../../contract/index.js';
import { CallingWindow } from './calling-window.js';
import { exclusionOf, type CampaignFacts, type LeadFacts } from './dial-eligibility.js';

const rules = CampaignRules.parse({});
// Wednesday 2026-12-02 12:00 in Shanghai (04:00 UTC).
const NOON_SHANGHAI = Date.UTC(2026, 11, 2, 4, 0);
const HOUR = 3_600_000;

const campaign = (over: Partial<CampaignFacts> = {}, holidays: string[] = []): CampaignFacts => ({
  purpose: 'marketing',
  rules,
  window: new CallingWindow(rules.window, holidays),
  ...over,
});
const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  status: 'new',
  attempts: 0,
  retryAt: null,
  callbackAt: null,
  timeZones: ['Asia/Shanghai'],
  onDnc: false,
  marketingConsent: 'given',
  callsLastDay: 0,
  callsLastWeek: 0,
  lastAbandonAt: null,
  ...over,
});

describe('exclusionOf', () => {
  it('dials a consenting, fresh lead inside its window', () => {
    expect(exclusionOf(campaign(), lead(), NOON_SHANGHAI)).toBeNull();
  });

  it('refuses a marketing call without consent given: silence is refusal, and so is a withdrawal', () => {
    expect(exclusionOf(campaign(), lead({ marketingConsent: 'unknown' }), NOON_SHANGHAI)).toBe('no_consent');
    expect(exclusionOf(campaign(), lead({ marketingConsent: 'withdrawn' }), NOON_SHANGHAI)).toBe('no_consent');
  });

  it('lets a service campaign call without marketing consent', () => {
    expect(exclusionOf(campaign({ purpose: 'service' }), lead({ marketingConsent: 'unknown' }), NOON_SHANGHAI)).toBeNull();
  });

  it('puts do-not-call ahead of every other reason but a finished lead', () => {
    expect(exclusionOf(campaign(), lead({ onDnc: true, marketingConsent: 'unknown', attempts: 9 }), NOON_SHANGHAI)).toBe('dnc');
    expect(exclusionOf(campaign(), lead({ onDnc: true, status: 'converted' }), NOON_SHANGHAI)).toBe('finished');
  });

  it('stops at the maximum attempts, unless the customer asked to be called back now', () => {
    expect(exclusionOf(campaign(), lead({ attempts: rules.maxAttempts }), NOON_SHANGHAI)).toBe('max_attempts');
    expect(exclusionOf(campaign(), lead({ attempts: rules.maxAttempts, callbackAt: NOON_SHANGHAI - 1 }), NOON_SHANGHAI)).toBeNull();
  });

  it('waits for a scheduled callback and for the retry delay', () => {
    expect(exclusionOf(campaign(), lead({ callbackAt: NOON_SHANGHAI + HOUR }), NOON_SHANGHAI)).toBe('callback_scheduled');
    expect(exclusionOf(campaign(), lead({ retryAt: NOON_SHANGHAI + 1 }), NOON_SHANGHAI)).toBe('retry_wait');
    expect(exclusionOf(campaign(), lead({ retryAt: NOON_SHANGHAI }), NOON_SHANGHAI)).toBeNull();
  });

  it('does not call a number again within 72 hours of an abandoned call', () => {
    expect(exclusionOf(campaign(), lead({ lastAbandonAt: NOON_SHANGHAI - 71 * HOUR }), NOON_SHANGHAI)).toBe('abandon_recall');
    expect(exclusionOf(campaign(), lead({ lastAbandonAt: NOON_SHANGHAI - 72 * HOUR }), NOON_SHANGHAI)).toBeNull();
  });

  it('holds the frequency cap per day and per week', () => {
    expect(exclusionOf(campaign(), lead({ callsLastDay: 1, callsLastWeek: 1 }), NOON_SHANGHAI)).toBe('frequency_cap');
    expect(exclusionOf(campaign(), lead({ callsLastDay: 0, callsLastWeek: 3 }), NOON_SHANGHAI)).toBe('frequency_cap');
    expect(exclusionOf(campaign(), lead({ callsLastDay: 0, callsLastWeek: 2 }), NOON_SHANGHAI)).toBeNull();
  });

  it('calls only inside the window in the lead’s own time', () => {
    // 12:00 in Shanghai is 23:00 the day before in New York.
    expect(exclusionOf(campaign(), lead({ timeZones: ['America/New_York'] }), NOON_SHANGHAI)).toBe('outside_window');
    expect(exclusionOf(campaign(), lead({ timeZones: ['Asia/Shanghai', 'America/New_York'] }), NOON_SHANGHAI)).toBe('outside_window');
    // 21:00 is the end of the window: closed; 08:00 its start: open.
    expect(exclusionOf(campaign(), lead(), Date.UTC(2026, 11, 2, 13, 0))).toBe('outside_window');
    expect(exclusionOf(campaign(), lead(), Date.UTC(2026, 11, 2, 0, 0))).toBeNull();
    expect(exclusionOf(campaign(), lead(), Date.UTC(2026, 11, 1, 23, 59))).toBe('outside_window');
  });

  it('keeps to the campaign’s weekdays and skips holidays', () => {
    const weekends = CampaignRules.parse({ window: { days: [0, 6] } });
    expect(exclusionOf(campaign({ rules: weekends, window: new CallingWindow(weekends.window, []) }), lead(), NOON_SHANGHAI)).toBe('outside_window');
    expect(exclusionOf(campaign({}, ['2026-12-02']), lead(), NOON_SHANGHAI)).toBe('outside_window');
  });
});
