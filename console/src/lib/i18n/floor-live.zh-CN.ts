// 简体中文: the Floor page's live waiting calls and changing an agent's queues and skills. Same keys as floor-live.en.ts.
import type { floorLiveEn } from './floor-live.en.js';

export const floorLiveZh: { readonly [K in keyof typeof floorLiveEn]: string } = {
  'floorLive.waitingLive': '来电进入或离开队列时实时更新。',
  'floorLive.waitingAsLoaded': '截至上次刷新（实时更新未开启）。',
  'floorLive.routing': '队列和技能',
  'floorLive.routingOf': '{name} 的队列和技能',
  'floorLive.routingTitle': '{name}：队列和技能',
  'floorLive.routingHint': '更改对下一通分配的来电生效，不影响正在进行的通话。',
  'floorLive.routingEscape': '按 Esc 键关闭。',
  'floorLive.routingClose': '关闭',
  'floorLive.routingSaved': '已保存 {name} 的队列和技能。',
  'floorLive.routingLoadFailed': '无法加载队列和技能。{error}',
};
