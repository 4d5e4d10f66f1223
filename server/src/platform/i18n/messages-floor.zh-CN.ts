// The supervisor's actions on the floor in 简体中文, keyed on messages-floor.en.ts's codes.
import type { FLOOR_MESSAGES_EN } from './messages-floor.en.js';

export const FLOOR_MESSAGES_ZH_CN: Readonly<Record<keyof typeof FLOOR_MESSAGES_EN, string>> = {
  'floor.supervisorsOnly': '只有主管和管理员可以对坐席执行操作。',
  'floor.teamOnly': '您只能对本团队的坐席执行操作。',
  'floor.notAnAgent': '没有该坐席。',
  'floor.agentNotSignedIn': '该坐席未签入。',
  'floor.agentNotConnected': '该坐席没有打开控制台，无法显示消息。',
  'floor.callNotWaiting': '该来电已不在等待中。',
  'floor.callRinging': '该来电正在呼叫坐席的电话；如果无人接听，请再试一次。',
  'floor.noSuchQueue': '没有该队列。',
  'floor.sameQueue': '该来电已在此队列中等待。',
  'floor.phoneNotConnected': '该电话未连接。',
  'floor.agentNotFree': '该坐席未处于就绪状态，无法接听来电。',
};
