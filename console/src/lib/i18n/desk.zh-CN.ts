// 简体中文: the agent desk's one-screen layout. Same keys as desk.en.ts.
import type { deskEn } from './desk.en.js';

export const deskZh: { readonly [K in keyof typeof deskEn]: string } = {
  'desk.state.label': '您的状态',
  'desk.moves': '更改状态',
  'desk.keypadShow': '拨号键盘',
  'desk.keypadHint': 'Alt+K 显示或隐藏拨号键盘。',
  'desk.next.title': '等待下一通来电',
  'desk.next.notReadyTitle': '当前没有通话',
  'desk.next.body': '来电振铃时，来电客户的资料会在接听前显示在这里。',
  'desk.next.lastCaller': '显示上一位来电客户：{caller}',
  'desk.next.hideLastCaller': '返回等待来电视图',
  'desk.next.followUps': '即将到期的回访',
  'desk.next.noFollowUps': '没有待处理的回访。',
  'desk.next.followUpsFailed': '无法加载您的回访。{error}',
  'desk.next.allWork': '我的全部工作',
  'desk.next.callsToday.one': '今日 1 通电话',
  'desk.next.callsToday.other': '今日 {count} 通电话',
  'wrapup.noQueueTimeHint': '话后处理时间用完后，您将自动变为就绪。',
  'wrapup.noQueueNoLimitHint': '处理完后请手动完成话后处理。',
  'shortcuts.keypad': '显示或隐藏拨号键盘',
  'shell.account': '您的账户：{name}，{role}',
  'nav.admin': '管理',
  'nav.adminMenu': '管理页面',
};
