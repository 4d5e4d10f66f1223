import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES, SEVERITIES } from '../../../../contract/index.js';
import { DomainError } from '../../platform/domain-error.js';
import { officeHoursCalendar } from './business-calendar.js';
import { computeDueTimes, DEFAULT_SLA_POLICY, parseSlaPolicy, resolveDueFrom, SlaPolicySchema, targetsFor } from './sla-policy.js';

const cal = officeHoursCalendar('Asia/Shanghai'); // Mon–Fri 09:00–18:00
const at = (local: string) => new Date(`${local}+08:00`);
const complaint = (category: string | null, severity: 'low' | 'medium' | 'high' | 'critical' | null) =>
  ({ kind: 'complaint', priority: 'P3', category, severity }) as const;
const ticket = (priority: 'P1' | 'P2' | 'P3' | 'P4') => ({ kind: 'ticket', priority, category: 'login', severity: null }) as const;

describe('default SLA policy', () => {
  it('is a valid policy', () => {
    expect(SlaPolicySchema.parse(DEFAULT_SLA_POLICY)).toEqual(DEFAULT_SLA_POLICY);
    expect(DEFAULT_SLA_POLICY.atRiskThreshold).toBe(0.75);
  });

  it.each([
    ['low', 540, 5400],
    ['medium', 540, 2700],
    ['high', 240, 1620],
    ['critical', 120, 540],
  ] as const)('gives a %s complaint %d business minutes to acknowledge and %d to resolve', (severity, ack, resolve) => {
    expect(targetsFor(DEFAULT_SLA_POLICY, complaint('product', severity))).toEqual({
      acknowledge: { time: 'business', minutes: ack },
      resolve: { time: 'business', minutes: resolve },
    });
  });

  it('resolves low and medium billing complaints in 3 business days, keeping the severity’s acknowledgement', () => {
    expect(targetsFor(DEFAULT_SLA_POLICY, complaint('billing', 'low'))).toEqual({
      acknowledge: { time: 'business', minutes: 540 },
      resolve: { time: 'business', minutes: 1620 },
    });
    expect(targetsFor(DEFAULT_SLA_POLICY, complaint('billing', 'critical')).resolve.minutes).toBe(540);
  });

  it.each([
    ['P1', { time: 'calendar', minutes: 240 }],
    ['P2', { time: 'business', minutes: 540 }],
    ['P3', { time: 'business', minutes: 1620 }],
    ['P4', { time: 'business', minutes: 2700 }],
  ] as const)('gives a %s ticket %j to resolve and no acknowledgement clock', (priority, resolve) => {
    expect(targetsFor(DEFAULT_SLA_POLICY, ticket(priority))).toEqual({ acknowledge: null, resolve });
  });

  it('has targets for every category and severity', () => {
    for (const c of COMPLAINT_CATEGORIES) for (const s of SEVERITIES) expect(targetsFor(DEFAULT_SLA_POLICY, complaint(c, s)).acknowledge).not.toBeNull();
  });
});

describe('computeDueTimes', () => {
  it('computes both clocks of a critical complaint in business time', () => {
    const due = computeDueTimes(DEFAULT_SLA_POLICY, cal, { ...complaint('service', 'critical'), createdAt: at('2026-06-01T10:00:00') });
    expect(due.ackDueAt).toEqual(at('2026-06-01T12:00:00'));
    expect(due.resolveDueAt).toEqual(at('2026-06-02T10:00:00'));
    expect(due.targets.resolve).toEqual({ time: 'business', minutes: 540 });
  });

  it('starts a complaint made on Saturday at Monday’s opening', () => {
    const due = computeDueTimes(DEFAULT_SLA_POLICY, cal, { ...complaint('staff', 'high'), createdAt: at('2026-06-06T11:00:00') });
    expect(due.ackDueAt).toEqual(at('2026-06-08T13:00:00'));
    expect(due.resolveDueAt).toEqual(at('2026-06-10T18:00:00'));
  });

  it('runs a P1 ticket on calendar time through the night, a P2 on business time', () => {
    const createdAt = at('2026-06-05T17:00:00'); // a Friday
    const p1 = computeDueTimes(DEFAULT_SLA_POLICY, cal, { ...ticket('P1'), createdAt });
    expect(p1).toMatchObject({ ackDueAt: null, resolveDueAt: at('2026-06-05T21:00:00') });
    const p2 = computeDueTimes(DEFAULT_SLA_POLICY, cal, { ...ticket('P2'), createdAt });
    expect(p2.resolveDueAt).toEqual(at('2026-06-08T17:00:00'));
  });

  it('restarts the resolve clock from a given time (reopen)', () => {
    expect(resolveDueFrom(DEFAULT_SLA_POLICY, cal, ticket('P3'), at('2026-06-01T09:00:00'))).toEqual(at('2026-06-03T18:00:00'));
  });

  it('refuses a complaint without a valid category or severity', () => {
    try {
      computeDueTimes(DEFAULT_SLA_POLICY, cal, { ...complaint('weather', null), createdAt: at('2026-06-01T10:00:00') });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION');
      expect((e as DomainError).fields?.map((f) => f.field)).toEqual(['category', 'severity']);
    }
  });
});

describe('parseSlaPolicy', () => {
  const fields = (input: unknown) => {
    try {
      parseSlaPolicy(input);
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION');
      return (e as DomainError).fields!.map((f) => f.field);
    }
    throw new Error('expected the policy to be refused');
  };

  it('fills in the at-risk threshold and the category overrides', () => {
    const { atRiskThreshold, ...rest } = DEFAULT_SLA_POLICY;
    const parsed = parseSlaPolicy({ ...rest, complaints: { bySeverity: rest.complaints.bySeverity } });
    expect(atRiskThreshold).toBe(0.75);
    expect(parsed.atRiskThreshold).toBe(0.75);
    expect(parsed.complaints.byCategory).toEqual({});
  });

  it('refuses an acknowledgement due after the resolution', () => {
    const p = structuredClone(DEFAULT_SLA_POLICY);
    p.complaints.bySeverity.high.acknowledge = { time: 'business', minutes: 2000 };
    expect(fields(p)).toEqual(['complaints.bySeverity.high.acknowledge']);
    const q = structuredClone(DEFAULT_SLA_POLICY);
    q.complaints.byCategory.staff = { critical: { resolve: { time: 'business', minutes: 60 } } };
    expect(fields(q)).toEqual(['complaints.byCategory.staff.critical.resolve']);
  });

  it('refuses bad durations and unknown keys', () => {
    const p = structuredClone(DEFAULT_SLA_POLICY) as unknown as { tickets: { resolve: Record<string, unknown> } };
    p.tickets.resolve.P2 = { time: 'business', minutes: 0 };
    p.tickets.resolve.P3 = { time: 'weekdays', minutes: 60 };
    p.tickets.resolve.P4 = { time: 'business', minutes: 1.5 };
    expect(fields(p)).toEqual(['tickets.resolve.P2.minutes', 'tickets.resolve.P3.time', 'tickets.resolve.P4.minutes']);
    expect(fields({ ...DEFAULT_SLA_POLICY, atRiskThreshold: 1 })).toEqual(['atRiskThreshold']);
    expect(fields({ ...DEFAULT_SLA_POLICY, surprise: true })).toEqual(['surprise']);
  });
});
