// The Erlang C staffing model: how many agents an interval needs for its calls to be answered
// within a threshold at a target rate. Pure arithmetic; the report shows it beside the staffing.

/** Probability that a call waits at all, with `agents` agents and `traffic` erlangs offered. */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  // Erlang B by its recurrence (stable for large numbers), then C from B.
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Share of calls answered within `thresholdSeconds` with `agents` agents. */
export function erlangServiceLevel(agents: number, traffic: number, ahtSeconds: number, thresholdSeconds: number): number {
  if (traffic <= 0) return 1;
  if (agents <= traffic) return 0;
  return 1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * thresholdSeconds) / ahtSeconds);
}

export interface StaffingInput {
  /** Calls expected (or seen) in the interval. */
  calls: number;
  intervalSeconds: number;
  ahtSeconds: number;
  /** 0–1, e.g. 0.8 for 80 % answered within the threshold. */
  targetServiceLevel: number;
  thresholdSeconds: number;
}

export interface Staffing {
  /** Offered load in erlangs: calls × AHT / interval. */
  trafficErlangs: number;
  agentsNeeded: number;
  /** The service level those agents would give. */
  serviceLevel: number;
}

/** The fewest agents that meet the target (no more than ten thousand are tried). */
export function agentsNeeded(i: StaffingInput): Staffing {
  const traffic = i.intervalSeconds > 0 && i.ahtSeconds > 0 ? (i.calls * i.ahtSeconds) / i.intervalSeconds : 0;
  if (traffic === 0) return { trafficErlangs: 0, agentsNeeded: 0, serviceLevel: 1 };
  for (let n = Math.max(1, Math.floor(traffic) + 1); n <= 10_000; n++) {
    const sl = erlangServiceLevel(n, traffic, i.ahtSeconds, i.thresholdSeconds);
    if (sl >= i.targetServiceLevel) return { trafficErlangs: traffic, agentsNeeded: n, serviceLevel: sl };
  }
  return { trafficErlangs: traffic, agentsNeeded: 10_000, serviceLevel: erlangServiceLevel(10_000, traffic, i.ahtSeconds, i.thresholdSeconds) };
}
