// Listening to, coaching and joining agents' calls in 简体中文, keyed on messages-monitoring.en.ts's codes.
import type { MONITORING_MESSAGES_EN } from './messages-monitoring.en.js';

export const MONITORING_MESSAGES_ZH_CN: Readonly<Record<keyof typeof MONITORING_MESSAGES_EN, string>> = {
  'monitoring.supervisorsOnly': '只有主管和管理员可以监控通话。',
  'monitoring.modeNotAllowed': '您无权使用此监控方式。',
  'monitoring.noCall': '该坐席当前没有通话。',
  'monitoring.alreadyMonitored': '该通话已在被监控。',
  'monitoring.noSuchSession': '该监控会话已结束。',
};
