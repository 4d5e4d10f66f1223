// 简体中文: listening to, coaching and joining an agent's call. Same keys as monitoring.en.ts.
import type { monitoringEn } from './monitoring.en.js';

export const monitoringZh: { readonly [K in keyof typeof monitoringEn]: string } = {
  'monitor.listen': '监听',
  'monitor.whisper': '耳语',
  'monitor.barge': '强插',
  'monitor.stop': '停止监控',
  'monitor.controlsFor': '监控{name}的通话',
  'monitor.connecting': '正在接入{name}的通话…',
  'monitor.listening': '正在监听{name}的通话。',
  'monitor.whispering': '正在指导{name}：只有{name}能听到您。',
  'monitor.barging': '已加入{name}的通话：客户和{name}都能听到您。',
  'monitor.ended.stopped': '监控已结束。',
  'monitor.ended.call_ended': '通话已结束，监控随之结束。',
  'monitor.ended.supervisor_left': '监控已结束。',
  'monitor.ended.agent_unavailable': '坐席的电话无法接入监控。',
  'monitor.noAnswer': '坐席的电话没有响应监控请求。',
  'monitor.failed': '监控失败：{error}',
  'monitor.agentListening': '{name}正在监听此通话。',
  'monitor.agentWhispering': '{name}正在指导您：客户听不到。',
  'monitor.agentBarging': '{name}已加入此通话：客户能听到。',
};
