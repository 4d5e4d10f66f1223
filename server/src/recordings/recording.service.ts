// Stored recordings: listed in a customer's history, played (every play an audit entry naming
// who and which call), and removed once older than the retention period. Who may list or play a
// recording is who may see the customer whose call it is (customers/rules/access-policy.ts).
import type { RecordingView } from '../../../contract/index.js';
import { canSeeCustomer, NO_RELATION } from '../customers/rules/access-policy.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { DomainError, forbidden, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { Logger } from '../platform/logger.js';
import type { RecordingFiles } from './data/recording-files.js';
import type { RecordingRepository } from './data/recording.repository.js';
import { retentionCutoff } from './rules/retention.js';

export interface RecordingServiceDeps {
  repo: RecordingRepository;
  /** null: no media plane records here, so no file exists. */
  files: RecordingFiles | null;
  audit: AuditRepository;
  /** Throws FORBIDDEN (audited) unless the viewer may see the customer. */
  assertCanSee(ctx: RequestContext, customerId: number): Promise<void>;
  /** How many days recordings are kept. */
  retentionDays: number;
  log: Logger;
}

export interface RetentionRun {
  removed: number;
  /** Sealed files whose recording row was gone (its call removed by the call retention). */
  orphans: number;
}

export class RecordingService {
  constructor(private readonly d: RecordingServiceDeps) {}

  async ofCustomer(ctx: RequestContext, customerId: number): Promise<RecordingView[]> {
    await this.d.assertCanSee(ctx, customerId);
    return this.d.repo.ofCustomer(customerId);
  }

  /** The WAV of a recording, for a viewer who may see its call; each play is audited. */
  async play(ctx: RequestContext, id: number, audited: boolean): Promise<Buffer> {
    const found = await this.d.repo.find(id);
    if (!found) throw notFound('Recording');
    if (found.customerId !== null) await this.d.assertCanSee(ctx, found.customerId);
    // A call with no customer: its agent, or someone who sees every customer.
    else if (found.view.agentId !== ctx.viewer.id && !canSeeCustomer(ctx.viewer, NO_RELATION)) {
      await this.write(ctx, id, 'denied', { interactionId: found.view.interactionId });
      throw forbidden().markAudited();
    }
    if (found.view.state !== 'ready' || !found.fileName) throw new DomainError('CONFLICT', msg('recording.notReady'));
    let wav: Buffer;
    try {
      if (!this.d.files) throw new Error('no recording directory');
      wav = await this.d.files.open(found.fileName);
    } catch (err) {
      this.d.log.error({ err, recordingId: id }, 'A recording file does not open');
      throw new DomainError('CONFLICT', msg('recording.fileMissing'));
    }
    if (audited) await this.write(ctx, id, 'allowed', { interactionId: found.view.interactionId, customerId: found.customerId });
    return wav;
  }

  /** Removes recordings past the retention period as of `now`, and files no recording names. */
  async applyRetention(now: Date): Promise<RetentionRun> {
    const { count, files } = await this.d.repo.removeStartedBefore(retentionCutoff(now, this.d.retentionDays));
    const store = this.d.files;
    let orphans: string[] = [];
    if (store) {
      for (const f of files) await store.remove(f);
      // A day's grace: a file sealed a moment ago may not be named by its row yet.
      const onDisk = await store.sealedFilesBefore(new Date(now.getTime() - 86_400_000));
      const inUse = await this.d.repo.filesInUse(onDisk);
      orphans = onDisk.filter((f) => !inUse.has(f));
      for (const f of orphans) await store.remove(f);
    }
    if (count + orphans.length > 0) {
      await this.d.audit.write({ userId: null, action: 'recording.retention', entity: 'recording', outcome: 'allowed', rowCount: count, detail: { removed: count, orphans: orphans.length, days: this.d.retentionDays } });
    }
    return { removed: count, orphans: orphans.length };
  }

  private write(ctx: RequestContext, id: number, outcome: 'allowed' | 'denied', detail: Record<string, unknown>): Promise<void> {
    return this.d.audit.write({ userId: ctx.viewer.id, action: 'recording.play', entity: 'recording', entityId: id, outcome, ip: ctx.ip, requestId: ctx.requestId, detail });
  }
}
