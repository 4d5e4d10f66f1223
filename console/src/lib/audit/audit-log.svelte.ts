// The audit log page's state: the filters as typed, the entries shown (a page at a time) and
// the CSV export with its progress.
import type { AuditEntryView, AuditFilter, AuditOutcome } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import { auditApi, type ExportProgress } from './audit-api.js';

/** The form's fields, as text (empty: no filter). Times are instants (the date fields read them in the contact center's zone). */
export interface AuditFilterDraft {
  userId: string;
  action: string;
  entity: string;
  entityId: string;
  outcome: '' | AuditOutcome;
  from: string;
  to: string;
  term: string;
}

export const NO_AUDIT_FILTERS: AuditFilterDraft = { userId: '', action: '', entity: '', entityId: '', outcome: '', from: '', to: '', term: '' };

/** Pure: the request's filter from the form. */
export function toAuditFilter(d: AuditFilterDraft): AuditFilter {
  const f: AuditFilter = {};
  const text = (v: string) => v.trim() || undefined;
  if (d.userId) f.userId = Number(d.userId);
  const action = text(d.action);
  if (action) f.action = action;
  const entity = text(d.entity);
  if (entity) f.entity = entity;
  const entityId = text(d.entityId);
  if (entityId) f.entityId = entityId;
  if (d.outcome) f.outcome = d.outcome;
  const from = instant(d.from);
  if (from) f.from = from;
  const to = instant(d.to);
  if (to) f.to = to;
  const term = text(d.term);
  if (term) f.term = term;
  return f;
}

function instant(v: string): string | undefined {
  return v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
}

export class AuditLog {
  filter = $state.raw<AuditFilter>({});
  items = $state.raw<AuditEntryView[]>([]);
  nextCursor = $state<string | null>(null);
  status = $state<'loading' | 'done' | 'error'>('loading');
  error = $state<unknown>(null);
  /** What the export is doing: null when none runs. */
  exporting = $state.raw<ExportProgress | null>(null);
  exportError = $state<unknown>(null);
  /** How many rows the last finished export held. */
  exported = $state<number | null>(null);
  #controller: AbortController | null = null;
  #exportController: AbortController | null = null;

  /** The first page for `filter` (a new search). */
  async show(filter: AuditFilter): Promise<void> {
    this.filter = filter;
    this.items = [];
    this.nextCursor = null;
    await this.#load(null);
  }

  /** The next, older page. */
  async more(): Promise<void> {
    if (!this.nextCursor || this.status === 'loading') return;
    await this.#load(this.nextCursor);
  }

  async #load(before: string | null): Promise<void> {
    this.#controller?.abort();
    const c = new AbortController();
    this.#controller = c;
    this.status = 'loading';
    this.error = null;
    try {
      const page = await auditApi.page(this.filter, before, c.signal);
      if (c.signal.aborted) return;
      this.items = before ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.status = 'done';
    } catch (e) {
      if (isAbort(e) || c.signal.aborted) return;
      this.error = e;
      this.status = 'error';
    }
  }

  /** Downloads the filtered log as CSV; resolves with the file, or null when it failed or was cancelled. */
  async export(): Promise<Blob | null> {
    if (this.exporting) return null;
    const c = new AbortController();
    this.#exportController = c;
    this.exporting = { rows: 0, total: null };
    this.exportError = null;
    this.exported = null;
    try {
      const file = await auditApi.exportCsv(this.filter, (p) => (this.exporting = p), c.signal);
      this.exported = this.exporting?.rows ?? 0;
      return file;
    } catch (e) {
      if (!isAbort(e)) this.exportError = e;
      return null;
    } finally {
      this.exporting = null;
      this.#exportController = null;
    }
  }

  cancelExport(): void {
    this.#exportController?.abort();
  }

  stop(): void {
    this.#controller?.abort();
    this.#exportController?.abort();
  }
}
