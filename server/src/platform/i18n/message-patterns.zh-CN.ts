// The server's English messages that carry names, numbers or states, in 简体中文. Each pattern
// matches one message shape from the source; words inside it (a status, a weekday) come from
// vocabulary.zh-CN.ts, and an unknown word leaves the whole message in English.
import { codesIn, englishList, ifKnown, translateAll, word, zhOrList, type MessagePattern } from './message-pattern.js';
import {
  CASE_ACTION_DONE_ZH,
  CASE_IN_STATUS_ZH,
  CASE_KIND_ZH,
  COMPLAINT_CATEGORY_ZH,
  FOLLOW_UP_ALREADY_ZH,
  SEVERITY_ZH,
  THING_ZH,
  WEEKDAY_ZH,
} from './vocabulary.zh-CN.js';

export const MESSAGE_PATTERNS_ZH_CN: readonly MessagePattern[] = [
  // case-status.ts
  {
    match: /^(.+) can only be (.+), not (.+)$/,
    to: (inStatus, allowed, refused) => {
      const subject = word(CASE_IN_STATUS_ZH, inStatus);
      const can = translateAll(englishList(allowed), CASE_ACTION_DONE_ZH);
      const cannot = word(CASE_ACTION_DONE_ZH, refused);
      return subject && can && cannot ? `${subject}只能${zhOrList(can)}，不能${cannot}。` : null;
    },
  },
  { match: /^A root-cause code has at most (\d+) characters$/, to: (n) => `根本原因代码最多 ${n} 个字符。` },
  {
    match: /^This (\w+) was closed more than (\d+) days ago; open a new (\w+) instead$/,
    to: (kind, days, again) => {
      const k = word(CASE_KIND_ZH, kind);
      return k && kind === again ? `此${k}已关闭超过 ${days} 天，不能重新打开，请新建${k}。` : null;
    },
  },

  // follow-up.ts, case-workflow.service.ts
  { match: /^This follow-up is already (\w+)$/, to: (status) => word(FOLLOW_UP_ALREADY_ZH, status) ?? null },
  { match: /^Unknown outcome; use one of (.+)$/, to: (list) => `回访结果无效，请使用以下之一：${codesIn(englishList(list)).join('、')}。` },

  // sla-policy.ts
  {
    match: /^A complaint needs a category: (.+)$/,
    to: (list) => `投诉须选择类别：${codesIn(englishList(list), COMPLAINT_CATEGORY_ZH).join('、')}。`,
  },
  { match: /^A complaint needs a severity: (.+)$/, to: (list) => `投诉须选择严重程度：${codesIn(englishList(list), SEVERITY_ZH).join('、')}。` },

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
