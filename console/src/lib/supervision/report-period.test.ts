import { describe, expect, it } from 'vitest';
import { periodRange } from './report-period.js';

describe('a report period', () => {
  it('runs from midnight of its first day to midnight after its last, on the contact center’s clocks', () => {
    expect(periodRange({ from: '2026-12-01', to: '2026-12-03' }, 'Asia/Shanghai')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-03T16:00:00.000Z' });
    expect(periodRange({ from: '2026-12-01', to: '2026-12-01' }, 'Europe/London')).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' });
  });

  it('is refused the wrong way round or with a day that does not exist', () => {
    expect(periodRange({ from: '2026-12-03', to: '2026-12-01' }, 'Asia/Shanghai')).toBeNull();
    expect(periodRange({ from: '2026-02-30', to: '2026-03-01' }, 'Asia/Shanghai')).toBeNull();
  });
});
