// The daily backup: at the configured time of day in the contact center's zone. The timer is
// re-armed at most an hour ahead, so a clock that jumps (or a daylight-saving change) is caught
// up with within the hour rather than trusted for a whole day.
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { BackupService } from './backup.service.js';

const MAX_WAIT_MS = 3600_000;

export class BackupScheduler {
  private timer: unknown = null;
  private stopped = true;
  private firing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm(this.backups.nextAt());
  }

  private arm(slot: Date | null): void {
    if (this.stopped || slot === null) return;
    const wait = Math.min(Math.max(0, slot.getTime() - this.clock.now()), MAX_WAIT_MS);
    this.timer = this.clock.setTimeout(() => {
      if (this.clock.now() < slot.getTime()) return this.arm(slot);
      this.firing = this.backups
        .runScheduled(slot)
        .catch((err: unknown) => this.log.error({ err }, 'scheduled backup could not run'))
        .finally(() => this.arm(this.backups.nextAt()));
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
