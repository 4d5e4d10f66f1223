// Which Not-ready reasons an agent may choose: the admin's active ones, read at the moment of
// choosing so a reason added or retired in the console counts from the next click. The system's
// own reasons (missed, after_call, login) are set by the ACD and never chosen.
import type { NotReadyReason } from '../../../contract/index.js';
import { DomainError, fieldError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { NotReadyReasonRepository } from './data/not-ready-reason.repository.js';

export class NotReadyReasons {
  constructor(private readonly reasons: NotReadyReasonRepository) {}

  /** Every reason, retired ones too: the desk offers the active ones, state views word them all. */
  list(): Promise<NotReadyReason[]> {
    return this.reasons.list();
  }

  /**
   * Refuses an unknown or retired reason (VALIDATION, naming `field`). The message itself says
   * which, so the desk's socket ack, which carries no field list, is as clear as a 400.
   */
  async assertSelectable(code: string, field = 'reason'): Promise<void> {
    const active = await this.reasons.activeCodes();
    if (active.includes(code)) return;
    const params = { code, codes: active.join(', ') };
    throw new DomainError('VALIDATION', msg('notReady.unknownReason', params), [fieldError(field, 'notReady.unknownReason', params)]);
  }
}
