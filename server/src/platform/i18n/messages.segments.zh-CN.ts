// Purchases, RFM and segments messages in 简体中文 (spread into messages.zh-CN.ts).
import type { SEGMENT_MESSAGES_EN } from './messages.segments.en.js';

export const SEGMENT_MESSAGES_ZH_CN: Readonly<Record<keyof typeof SEGMENT_MESSAGES_EN, string>> = {
  'purchase.columnMissing': '文件中没有“{column}”列，请指定存放该信息的列。',
  'rfm.alreadyRunning': 'RFM 评分正在计算中，请稍后再试。',
};
