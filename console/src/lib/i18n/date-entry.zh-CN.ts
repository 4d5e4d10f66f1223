// 简体中文: the console's own date and time fields. Same keys as date-entry.en.ts.
import type { dateEntryEn } from './date-entry.en.js';

export const dateEntryZh: { readonly [K in keyof typeof dateEntryEn]: string } = {
  'dateEntry.dayHint': '例如 2026年12月3日 或 2026-12-03。上下方向键可逐日调整。',
  'dateEntry.clockHint': '例如 17:00 或 下午5:00。',
  'dateEntry.error.date.format': '请按 2026年12月3日 或 2026-12-03 的格式填写日期（“{text}”无法识别）。',
  'dateEntry.error.date.noSuchDay': '没有“{text}”这一天。',
  'dateEntry.error.time.format': '请按 17:00 或 下午5:00 的格式填写时间（“{text}”无法识别）。',
  'dateEntry.required.date': '请填写日期。',
  'dateEntry.required.time': '请填写时间。',
  'dateEntry.date': '日期',
  'dateEntry.time': '时间',
  'dateEntry.dateOf': '{label}：日期',
  'dateEntry.timeOf': '{label}：时间',
  'dateEntry.zone': '呼叫中心时间：{name}（{short}）',
};
