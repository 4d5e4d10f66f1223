// The campaigns room's messages in 简体中文 (spread into messages.zh-CN.ts).
import type { CAMPAIGN_MESSAGES_EN } from './messages.campaigns.en.js';

export const CAMPAIGN_MESSAGES_ZH_CN: Readonly<Record<keyof typeof CAMPAIGN_MESSAGES_EN, string>> = {
  'campaign.csvExpected': '请以 CSV 格式上传名单（Content-Type: text/csv），第一行为列名。',
  'campaign.noPhoneColumn': '文件中没有“{column}”列，请指定存放号码的列。',
  'campaign.csvUnreadable': '文件不是可读取的 CSV：{detail}。',
  'campaign.fileTooLarge': '文件超过 {mb} MB，请拆分后上传。',
  'campaign.changedMeanwhile': '此活动已被他人修改，请刷新后重试。',
  'campaign.cannotStart': '处于“{status}”状态的活动不能启动。',
  'campaign.cannotPause': '只有进行中的活动可以暂停。',
  'campaign.notCallTakers': '只有在职的坐席和主管可以参与活动：{ids}。',
  'campaign.callbackNeedsTime': '预约回拨需要填写回拨时间（callbackAt）。',
  'campaign.leadNotReserved': '此线索不在您的工作台上，请先领取下一条线索。',
  'campaign.notRunning': '活动未在进行中。',
};
