// The wallboard's pure parts: merging pushes into the rows, filtering and sorting agents, and
// marking figures that cross a threshold (warning, alarm) so the page can say it in words.
import type { AgentFloorRow, AgentState, QueueFloorRow, WallboardDelta } from '@kefu/contract';

/** Replaces changed rows by id, drops removed ones; a full push replaces everything. */
export function mergeRows<T>(current: T[], changed: T[], idOf: (r: T) => number, full: boolean, removed: readonly number[] = []): T[] {
  if (full) return changed;
  const byId = new Map(current.map((r) => [idOf(r), r]));
  for (const id of removed) byId.delete(id);
  for (const r of changed) byId.set(idOf(r), r);
  return [...byId.values()];
}

export function applyDelta(queues: QueueFloorRow[], agents: AgentFloorRow[], d: WallboardDelta) {
  return {
    queues: mergeRows(queues, d.queues, (q) => q.queueId, d.full),
    agents: mergeRows(agents, d.agents, (a) => a.userId, d.full, d.removedAgentIds),
  };
}

export interface AgentFilter {
  teamId: number | null;
  queueId: number | null;
  /** 'on_call' includes ringing: the state column's words say which. */
  state: AgentState | null;
  /** Show signed-out agents too. */
  showLoggedOut: boolean;
}

export function filterAgents(rows: AgentFloorRow[], f: AgentFilter): AgentFloorRow[] {
  return rows.filter(
    (a) =>
      (f.teamId === null || a.teamId === f.teamId) &&
      (f.queueId === null || a.queueIds.includes(f.queueId)) &&
      (f.state === null || a.state === f.state || (f.state === 'on_call' && a.state === 'ringing')) &&
      (f.showLoggedOut || f.state === 'logged_out' || a.state !== 'logged_out'),
  );
}

export type AgentSort = 'name' | 'longest' | 'shortest';

export function sortAgents(rows: AgentFloorRow[], sort: AgentSort, locale: string): AgentFloorRow[] {
  const byName = (a: AgentFloorRow, b: AgentFloorRow) => a.displayName.localeCompare(b.displayName, locale);
  const bySince = (a: AgentFloorRow, b: AgentFloorRow) => Date.parse(a.since) - Date.parse(b.since);
  if (sort === 'name') return [...rows].sort(byName);
  return [...rows].sort((a, b) => (sort === 'longest' ? bySince(a, b) : bySince(b, a)) || byName(a, b));
}

export type Alert = 'ok' | 'warning' | 'alarm';

/** Service level: under 80 % a warning, under 60 % an alarm (the common 80/20 target). */
export function serviceLevelAlert(sl: number | null): Alert {
  if (sl === null) return 'ok';
  return sl < 0.6 ? 'alarm' : sl < 0.8 ? 'warning' : 'ok';
}

/** Longest wait: past the queue's threshold a warning, past three times it an alarm. */
export function waitAlert(waitSeconds: number | null, thresholdSeconds: number): Alert {
  if (waitSeconds === null) return 'ok';
  return waitSeconds > 3 * thresholdSeconds ? 'alarm' : waitSeconds > thresholdSeconds ? 'warning' : 'ok';
}

/** Abandonment rate: over 5 % a warning, over 10 % an alarm. */
export function abandonAlert(rate: number | null): Alert {
  if (rate === null) return 'ok';
  return rate > 0.1 ? 'alarm' : rate > 0.05 ? 'warning' : 'ok';
}
