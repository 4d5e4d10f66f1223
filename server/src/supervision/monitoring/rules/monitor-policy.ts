// Which modes a viewer may monitor in: admins every mode; supervisors the modes the site allows
// supervisors (KEFU_MONITOR_SUPERVISOR_MODES, every mode unless narrowed); nobody else any.
// Whom they may monitor is the floor's reach rule (floor-actions/rules/floor-reach.ts).
import { MONITOR_MODES, type MonitorMode, type Role } from '../../../../../contract/index.js';

export interface MonitoringPolicy {
  /** The modes supervisors may use (admins may use all). */
  supervisorModes: readonly MonitorMode[];
  /** Whether the agent's desk says who is monitoring them. */
  agentSeesMonitoring: boolean;
}

export const DEFAULT_MONITORING_POLICY: MonitoringPolicy = { supervisorModes: MONITOR_MODES, agentSeesMonitoring: true };

export function allowedModes(role: Role, policy: MonitoringPolicy): MonitorMode[] {
  if (role === 'admin') return [...MONITOR_MODES];
  if (role === 'supervisor') return MONITOR_MODES.filter((m) => policy.supervisorModes.includes(m));
  return [];
}
