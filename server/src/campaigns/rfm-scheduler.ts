// The nightly RFM run: at a fixed time of night in the contact center's zone. As the backup
// scheduler does, the timer is re-armed at most an hour ahead, so a clock that jumps (or a
// daylight-saving change) is caught up with within the hour.
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { nextTimeOfDay } from '../platform/time-of-day.js';
import type { RfmService } from './rfm.service.js';

const MAX_WAIT_MS = 3600_000;
/** After the day's purchases are in and before the morning's lists are built. */
export const RFM_NIGHTLY_TIME = '02:30';

export class RfmScheduler {
  private timer: unknown = null;
  private stopped = true;
  private firing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rfm: Pick<RfmService, 'nightly'>,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm(this.nextAt());
  }

  private nextAt(): number {
    return nextTimeOfDay(this.clock.now(), RFM_NIGHTLY_TIME, this.timeZone);
  }

  private arm(slot: number): void {
    if (this.stopped) return;
    const wait = Math.min(Math.max(0, slot - this.clock.now()), MAX_WAIT_MS);
    this.timer = this.clock.setTimeout(() => {
      if (this.clock.now() < slot) return this.arm(slot);
      this.firing = this.rfm
        .nightly()
        .catch((err: unknown) => this.log.error({ err }, 'nightly RFM run failed'))
        .finally(() => this.arm(this.nextAt()));
    }, wait);
  }

  /** The idle signal: the run started by the last firing is over. */
  settled(): Promise<unknown> {
    return this.firing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    await this.firing;
  }
}
