// One ticket or complaint on its page: the case, its timeline and follow-up tasks, and every
// change made from the page. Edits carry the version the editor started from; when someone
// else saved in between, the page says so and sends nothing until the agent reloads.
import type { CaseAction, CaseDetail, CasePatch, CaseResponse, FollowUpTask, RootCause, TimelineEntry, UserOptions } from '@kefu/contract';
import { isAbort, isApiError } from '../shared/api.js';
import { caseApi } from './case-api.js';

export type CaseRecordStatus = 'loading' | 'ready' | 'error';
export type FieldChanges = Omit<CasePatch, 'version'>;

/** The fields the edit form shows: a change to any of them by someone else makes the form stale. */
const EDITABLE: readonly (keyof CaseDetail)[] = [
  'subject',
  'description',
  'priority',
  'category',
  'tags',
  'assigneeId',
  'channel',
  'severity',
  'rootCause',
  'resolution',
  'compensation',
  'customerConfirmed',
  'status',
];

function sameEditable(a: CaseDetail, b: CaseDetail): boolean {
  return EDITABLE.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

export class CaseRecord {
  status = $state<CaseRecordStatus>('loading');
  error = $state.raw<unknown>(null);
  /** The case as the server last answered. */
  detail = $state.raw<CaseDetail | null>(null);
  /** The case the agent's edits start from; its version goes with every change. */
  base = $state.raw<CaseDetail | null>(null);
  timeline = $state.raw<TimelineEntry[]>([]);
  followUps = $state.raw<FollowUpTask[]>([]);
  followUpsError = $state.raw<unknown>(null);
  directory = $state.raw<UserOptions | null>(null);
  /** Someone else saved since `base`: nothing is sent until the agent reloads. */
  stale = $state(false);
  /** Bumped when the page loads the case afresh: forms start again from it. */
  loads = $state(0);
  #controller = new AbortController();

  constructor(readonly id: number) {}

  async load(): Promise<void> {
    this.status = this.detail ? 'ready' : 'loading';
    this.error = null;
    try {
      const res = await caseApi.get(this.id, this.#controller.signal);
      this.detail = res.case;
      this.base = res.case;
      this.timeline = res.timeline;
      this.stale = false;
      this.status = 'ready';
      this.loads++;
      void this.loadFollowUps();
      if (!this.directory) void this.#loadDirectory();
    } catch (e) {
      if (isAbort(e)) return;
      this.error = e;
      if (!this.detail) this.status = 'error';
    }
  }

  async loadFollowUps(): Promise<void> {
    try {
      this.followUps = (await caseApi.followUpsOf(this.id, this.#controller.signal)).items;
      this.followUpsError = null;
    } catch (e) {
      if (!isAbort(e)) this.followUpsError = e;
    }
  }

  async #loadDirectory(): Promise<void> {
    try {
      this.directory = await caseApi.directory(this.#controller.signal);
    } catch {
      // The assignee picker then offers the current assignee and "Unassigned" only.
    }
  }

  /** Saves field edits against the version they started from. Throws; a 409 marks the page stale. */
  async save(changes: FieldChanges): Promise<void> {
    await this.#versioned((version) => caseApi.update(this.id, { version, ...changes }));
  }

  async transition(action: CaseAction, extra: { resolution?: string; rootCause?: RootCause; note?: string } = {}): Promise<void> {
    await this.#versioned((version) => caseApi.transition(this.id, { version, action, ...extra }));
    if (action === 'resolve' || action === 'reopen') void this.loadFollowUps();
  }

  async addNote(text: string): Promise<void> {
    this.#received(await caseApi.addNote(this.id, text));
  }

  async logContactAttempt(note: string): Promise<void> {
    this.#received(await caseApi.logContactAttempt(this.id, note));
  }

  async scheduleFollowUp(dueAt: string, note: string | undefined): Promise<void> {
    await caseApi.scheduleFollowUp({ caseId: this.id, dueAt, ...(note ? { note } : {}) });
    // The timeline has the new task too.
    try {
      this.#received(await caseApi.get(this.id, this.#controller.signal));
    } catch (e) {
      if (isAbort(e)) return;
    }
    await this.loadFollowUps();
  }

  async #versioned(send: (version: number) => Promise<CaseResponse>): Promise<void> {
    const base = this.base;
    if (!base || this.stale) return;
    try {
      const res = await send(base.version);
      this.detail = res.case;
      this.base = res.case;
      this.timeline = res.timeline;
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') await this.#checkStale(base);
      throw e;
    }
  }

  /** A 409 is either a newer version (someone saved) or a move the rules refuse: ask which. */
  async #checkStale(base: CaseDetail): Promise<void> {
    try {
      const fresh = await caseApi.get(this.id, this.#controller.signal);
      this.detail = fresh.case;
      this.timeline = fresh.timeline;
      if (fresh.case.version !== base.version) this.stale = true;
    } catch {
      // Unknown: the refusal itself is shown.
    }
  }

  /** A change that does not edit fields (a note, a contact attempt): the edits stay valid unless the fields moved. */
  #received(res: CaseResponse): void {
    const base = this.base;
    this.detail = res.case;
    this.timeline = res.timeline;
    if (base && !this.stale && sameEditable(base, res.case)) this.base = res.case;
    else if (base) this.stale = true;
  }

  dispose(): void {
    this.#controller.abort();
  }
}
