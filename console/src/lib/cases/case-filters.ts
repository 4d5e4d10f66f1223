// The case list's filters as they live in the URL (?status=active&q=…), read and written back.
// Values the server would refuse are dropped on the way in, so a hand-edited or old link still
// shows a list instead of an error.
import { CASE_KINDS, CASE_STATUSES, PRIORITIES, SLA_STATUSES } from '@kefu/contract';

export const STATUS_FILTERS = ['active', ...CASE_STATUSES] as const;
export const DUE_FILTERS = ['overdue', 'today', 'week'] as const;

export interface CaseFilters {
  kind: string;
  status: string;
  priority: string;
  category: string;
  /** 'me', 'none', a user id, or '' for anyone. */
  assignee: string;
  teamId: string;
  due: string;
  sla: string;
  q: string;
}

/** In the order they appear in the URL. */
export const FILTER_KEYS = ['q', 'kind', 'status', 'priority', 'category', 'assignee', 'teamId', 'due', 'sla'] as const satisfies readonly (keyof CaseFilters)[];

export const NO_FILTERS: CaseFilters = { kind: '', status: '', priority: '', category: '', assignee: '', teamId: '', due: '', sla: '', q: '' };

const positiveId = (v: string) => /^[1-9]\d{0,9}$/.test(v);
const oneOf = (list: readonly string[]) => (v: string) => list.includes(v);

const VALID: Record<keyof CaseFilters, (v: string) => boolean> = {
  kind: oneOf(CASE_KINDS),
  status: oneOf(STATUS_FILTERS),
  priority: oneOf(PRIORITIES),
  category: (v) => v.length <= 60,
  assignee: (v) => v === 'me' || v === 'none' || positiveId(v),
  teamId: positiveId,
  due: oneOf(DUE_FILTERS),
  sla: oneOf(SLA_STATUSES),
  q: (v) => v.length <= 100,
};

/** Pure: the filters a query string asks for; unknown keys and bad values are ignored. */
export function parseFilters(query: string): CaseFilters {
  const params = new URLSearchParams(query);
  const out: CaseFilters = { ...NO_FILTERS };
  for (const key of FILTER_KEYS) {
    const v = (params.get(key) ?? '').trim();
    if (v && VALID[key](v)) out[key] = v;
  }
  return out;
}

/** Pure: the query string for the URL (and the API), without empty filters. */
export function filtersToQuery(f: CaseFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = f[key].trim();
    if (v) params.set(key, v);
  }
  return params.toString();
}

export function hasFilters(f: CaseFilters): boolean {
  return FILTER_KEYS.some((k) => f[k].trim() !== '');
}
