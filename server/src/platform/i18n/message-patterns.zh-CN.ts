// The contract's zod refinements that carry names, numbers or states, in 简体中文: they have no
// message code yet (the server's own messages do, see messages.en.ts). Each pattern matches one
// message shape from the source; words inside it (a status, a weekday) come from
// vocabulary.zh-CN.ts, and an unknown word leaves the whole message in English.
import { codesIn, englishList, ifKnown, word, type MessagePattern } from './message-pattern.js';
import { COMPLAINT_CATEGORY_ZH, SEVERITY_ZH, WEEKDAY_ZH } from './vocabulary.zh-CN.js';

export const MESSAGE_PATTERNS_ZH_CN: readonly MessagePattern[] = [
  // contract/cases.ts
  {
    match: /^A complaint needs a category: (.+)$/,
    to: (list) => `投诉须选择类别：${codesIn(englishList(list), COMPLAINT_CATEGORY_ZH).join('、')}。`,
  },

  // contract/settings.ts
  { match: /^(\S+)–(\S+) overlaps (\S+)–(\S+)$/, to: (a, b, c, d) => `${a}–${b} 与 ${c}–${d} 重叠。` },
  {
    match: /^Unknown time zone '(.*)'; use an IANA name such as 'Asia\/Shanghai'$/s,
    to: (zone) => `未知时区“${zone}”，请使用 IANA 时区名称，例如“Asia/Shanghai”。`,
  },
  {
    match: /^Extra working days take (\w+)'s hours, and (\w+) has none$/,
    to: (day, again) => (day === again ? ifKnown(word(WEEKDAY_ZH, day), (d) => `调休工作日沿用${d}的营业时间，但${d}没有营业时间。`) : null),
  },
  { match: /^(\S+) is also listed as a holiday$/, to: (date) => `${date} 同时被列为节假日。` },
  {
    match: /^A (\w+) complaint would be due for acknowledgement after its resolution$/,
    to: (severity) => ifKnown(word(SEVERITY_ZH, severity), (s) => `严重程度为“${s}”的投诉，受理期限会晚于解决期限。`),
  },
  {
    match: /^A (\w+) (\w+) complaint would be due for acknowledgement after its resolution$/,
    to: (severity, category) => {
      const s = word(SEVERITY_ZH, severity);
      const c = word(COMPLAINT_CATEGORY_ZH, category);
      return s && c ? `严重程度为“${s}”的“${c}”类投诉，受理期限会晚于解决期限。` : null;
    },
  },
];
