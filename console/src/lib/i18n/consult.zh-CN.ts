// 简体中文: consult (attended) transfer. Same keys as consult.en.ts.
import type { consultEn } from './consult.en.js';

export const consultZh: { readonly [K in keyof typeof consultEn]: string } = {
  'consult.start': '咨询',
  'consult.region': '咨询',
  'consult.dialling': '正在呼叫 {name}…来电者已保持。',
  'consult.ringing': '{name} 的话机正在振铃，来电者已保持。',
  'consult.talkingToConsulted': '正在与 {name} 通话，来电者已保持。',
  'consult.talkingToCaller': '正在与来电者通话，{name} 已保持。',
  'consult.complete': '完成转接',
  'consult.cancel': '取消咨询',
  'consult.swap': '切换',
  'consult.working': '正在处理咨询…',
  'consult.done': '来电者已转给 {name}。',
  'consult.failed': '咨询未成功：{error}',
  'call.withdrawn.consult_ended': '同事关于 {caller} 的咨询已结束。',
  'shortcuts.consultComplete': '完成咨询转接',
  'shortcuts.consultCancel': '取消咨询',
  'shortcuts.consultSwap': '在来电者与同事之间切换',
};
