import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from './platform/logger.js';
import type { Clock } from './platform/clock.js';
import type { Db } from './platform/db/database.js';
import type { MediaPlane } from './media/media-plane.js';
import type { WaitingAnnouncementSettings } from './acd/waiting-announcements.js';
import type { PlainSipSettings } from './switch/switch.js';
import type { MonitoringPolicy } from './supervision/monitoring/rules/monitor-policy.js';
import type { Keyring } from './platform/crypto/keyring.js';
import type { BackupDeps, BackupSchedule } from './backups/backup.service.js';

/** What one server is composed from: the settings `server.ts` reads from the environment, or a test's own. */
export interface ComposeOptions {
  log: Logger;
  /** The number a campaign's leads see calling (the caller id of the dialers' calls). */
  campaignCallerId?: string;
  secureCookies: boolean;
  sessionTtlMs: number;
  consoleDir: string | null;
  publicUrl: string | null;
  sipDomain: string;
  sipWsUrl?: string | null;
  /** Web pages allowed on the SIP WebSocket; unset: the server's own (see originPolicyFor). */
  sipAllowedOrigins?: readonly string[] | null;
  defaultRegion: CountryCode;
  demo: boolean;
  clock?: Clock;
  /** How often the SLA sweep runs; 0 leaves it to the caller (tests sweep by hand). */
  slaSweepMs?: number;
  /** How often retention runs (the first run a minute after start); 0 or unset: never (tests run it by hand). */
  retentionEveryMs?: number;
  /**
   * This server's name among those sharing the database; keep it across restarts (a restart
   * then closes its own leftovers at once). Unset: a new name each run.
   */
  serverId?: string;
  /** Where and when backups are written, and how; unset: no daily backup, "back up now" fails. */
  backup?: BackupSetup;
  /**
   * A pool of its own for the call log (interaction rows, agent state history), so its writes
   * never hold a connection the screen-pop is waiting for; unset: the services' pool.
   */
  callLogDb?: Db;
  /** The media plane (rtpengine); unset: none, media runs browser to browser. */
  media?: MediaPlane;
  /** What queued phone-line callers hear (their place every N seconds, the prompts' language). */
  announcements?: WaitingAnnouncementSettings;
  /** Plain SIP listeners and the carrier trunk; unset: SIP over WebSocket only. */
  sipPlain?: Omit<PlainSipSettings, 'trunkRefusal'>;
  /** Redis shared by the servers on this database: their consoles reach each other (redis-adapter.ts). */
  redisUrl?: string | null;
  /** Who may listen, whisper or barge, and whether agents see it; unset: the defaults (monitor-policy.ts). */
  monitoring?: MonitoringPolicy;
  /** Recompute the RFM scores every night (rfm-scheduler.ts); unset: only on demand (tests). */
  rfmNightly?: boolean;
  /** Call recordings: how many days they are kept (unset: 365), and the data keys they are sealed with. */
  recordings?: { retentionDays?: number; keyring?: Keyring };
}

export interface BackupSetup {
  schedule: BackupSchedule;
  dump: BackupDeps['dump'];
  prune: BackupDeps['prune'];
}
