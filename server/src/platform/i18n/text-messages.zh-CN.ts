// The contract's fixed zod refinement messages in 简体中文, keyed by their English text: they are
// checked in contract/ (shared with the console), where no message code is carried yet. The
// server's own messages have codes (messages.en.ts, messages.zh-CN.ts). Refinements with names
// or numbers in them are in message-patterns.zh-CN.ts; zod's own in zod-messages.zh-CN.ts.
// messages.zh-CN.test.ts fails on any message without an entry.
// Each ends with '。': the console joins several messages with no separator in 简体中文.

export const TEXT_MESSAGES_ZH_CN: Readonly<Record<string, string>> = {
  'Nothing to change': '没有需要修改的内容。',
  'Give exactly one of phone or q': '请只提供电话号码（phone）或关键词（q）中的一项。',
  'A complaint needs a severity': '投诉须选择严重程度。',
  'from must be before to': '开始时间必须早于结束时间。',
  'An SLA longer than a year is surely a typo': '服务时限超过一年，可能是输入错误。',
  "Use a 24-hour time 'HH:MM' from '00:00' to '24:00'": '请使用 24 小时制时间“HH:MM”，范围为“00:00”到“24:00”。',
  'The end must be after the start; split hours that pass midnight into two days': '结束时间必须晚于开始时间；跨过午夜的时段请拆到两天。',
  "Use a real date written 'YYYY-MM-DD'": '请填写“YYYY-MM-DD”格式的有效日期。',
  'Give the hours of all 7 weekdays, Sunday first (an empty list for a closed day)': '请填写一周 7 天的营业时间，从星期日开始（休息日留空）。',
  'At least one weekday needs opening hours': '至少要有一天设置营业时间。',
  'List each role once': '每个角色只能列出一次。',
};
