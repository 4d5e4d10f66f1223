import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/support/fake-clock.js';
import { logger } from '../platform/logger.js';
import { RfmScheduler } from './rfm-scheduler.js';

const HOUR = 3600_000;

describe('the nightly RFM run', () => {
  it('runs at 02:30 in the center’s zone, once a night', async () => {
    // The fake clock starts at 2026-11-26 09:00 UTC = 17:00 in Shanghai.
    const clock = new FakeClock();
    const runs: string[] = [];
    const scheduler = new RfmScheduler({ nightly: async () => (runs.push(new Date(clock.now()).toISOString()), null) }, clock, 'Asia/Shanghai', logger);
    scheduler.start();
    clock.advance(9 * HOUR); // 02:00 in Shanghai
    await scheduler.settled();
    expect(runs).toEqual([]);
    clock.advance(HOUR); // 03:00
    await scheduler.settled();
    expect(runs).toEqual(['2026-11-26T18:30:00.000Z']);
    clock.advance(24 * HOUR);
    await scheduler.settled();
    expect(runs).toEqual(['2026-11-26T18:30:00.000Z', '2026-11-27T18:30:00.000Z']);
    await scheduler.stop();
    clock.advance(48 * HOUR);
    expect(runs).toHaveLength(2);
  });
});
