import type { Role } from '../../../contract/index.js';

/** Demo mode only. Never created when kefu runs outside demo mode. */
export const DEMO_PASSWORD = 'kefu-demo';

export const DEMO_USERS: { username: string; displayName: string; role: Role; team: 'support' | 'sales' | null; extension: string | null }[] = [
  { username: 'admin1', displayName: 'Admin One', role: 'admin', team: null, extension: null },
  { username: 'supervisor1', displayName: '陈静 (Supervisor)', role: 'supervisor', team: 'support', extension: '1900' },
  { username: 'marketer1', displayName: 'Marketer One', role: 'marketer', team: 'sales', extension: null },
  { username: 'agent1', displayName: '李娜 Li Na', role: 'agent', team: 'support', extension: '1001' },
  { username: 'agent2', displayName: 'Tom Walker', role: 'agent', team: 'support', extension: '1002' },
  { username: 'agent3', displayName: '王磊 Wang Lei', role: 'agent', team: 'support', extension: '1003' },
];
