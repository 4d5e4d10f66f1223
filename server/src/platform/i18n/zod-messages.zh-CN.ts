// zod's own English messages (the built-in checks: required, type, length, range, enum…) in
// 简体中文. The project's zod is the v3 line, whose messages are fixed; zod 4's locales cannot
// render v3 issues. Matching the text at the edge also covers schemas parsed inside the domain
// (the settings), which never pass through the HTTP validation helper.
// localize.test.ts produces each of these through real schemas, so an upgrade that rewords
// them fails there.
import { codesIn, ifKnown, word, type MessagePattern } from './message-pattern.js';

const TYPE_ZH: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  float: '小数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  null: '空值',
  undefined: '空',
  date: '日期',
  bigint: '整数',
  nan: '非数字',
  symbol: '符号',
  function: '函数',
  map: '映射',
  set: '集合',
  promise: 'Promise',
  void: '空',
  never: '无',
  unknown: '未知类型',
};

/** What `Invalid <check>` names for zod's string formats. */
const FORMAT_ZH: Readonly<Record<string, string>> = {
  email: '邮箱地址',
  url: '网址',
  emoji: '表情符号',
  uuid: 'UUID',
  nanoid: 'nanoid',
  cuid: 'cuid',
  cuid2: 'cuid2',
  ulid: 'ULID',
  datetime: '日期时间',
  date: '日期',
  time: '时间',
  duration: '时长',
  ip: 'IP 地址',
  cidr: 'IP 网段',
  base64: 'Base64 文本',
  base64url: 'Base64URL 文本',
  jwt: 'JWT',
};

/** zod quotes string options ('a' | 'b'); the list reads better without them. */
const options = (s: string) => codesIn(s.split(' | ').map((o) => o.replace(/^'(.*)'$/s, '$1'))).join('、');
const keys = (s: string) => codesIn(s.split(', ').map((k) => k.replace(/^'(.*)'$/s, '$1'))).join('、');

/** zod's "at least" / "at most" / … for lengths and counts, with the unit. */
function size(bound: string, n: string, unit: string): string | null {
  switch (bound) {
    case 'at least':
      return n === '1' && unit === '个字符' ? '不能为空。' : `至少需要 ${n} ${unit}。`;
    case 'at most':
      return `最多 ${n} ${unit}。`;
    case 'exactly':
      return `必须正好是 ${n} ${unit}。`;
    case 'more than':
    case 'over':
      return `必须多于 ${n} ${unit}。`;
    case 'less than':
    case 'under':
      return `必须少于 ${n} ${unit}。`;
    default:
      return null;
  }
}

/** zod's comparisons for numbers and dates. */
function range(comparison: string, n: string, below: string, above: string): string | null {
  switch (comparison) {
    case 'greater than or equal to':
      return `不能${below} ${n}。`;
    case 'greater than':
      return `必须${above} ${n}。`;
    case 'less than or equal to':
    case 'smaller than or equal to':
      return `不能${above} ${n}。`;
    case 'less than':
    case 'smaller than':
      return `必须${below} ${n}。`;
    case 'exactly equal to':
    case 'exactly':
      return `必须等于 ${n}。`;
    default:
      return null;
  }
}

export const ZOD_MESSAGES_ZH_CN: Readonly<Record<string, string>> = {
  Required: '此项为必填项。',
  'Invalid input': '输入无效。',
  Invalid: '格式无效。',
  'Number must be finite': '必须是有限的数字。',
  'Intersection results could not be merged': '输入无效。',
  'Invalid function arguments': '函数参数无效。',
  'Invalid function return type': '函数返回值无效。',
};

export const ZOD_PATTERNS_ZH_CN: readonly MessagePattern[] = [
  {
    match: /^Expected (\w+), received (\w+)$/,
    to: (expected, received) => ifKnown(word(TYPE_ZH, expected), (type) => `应为${type}，实际是${word(TYPE_ZH, received) ?? received}。`),
  },
  { match: /^Invalid enum value\. Expected (.*), received '(.*)'$/s, to: (opts, got) => `无效的选项“${got}”，可选：${options(opts)}。` },
  { match: /^Invalid discriminator value\. Expected (.*)$/s, to: (opts) => `类型无效，可选：${options(opts)}。` },
  { match: /^Invalid literal value, expected (.*)$/s, to: (value) => `值无效，应为 ${value}。` },
  { match: /^Unrecognized key\(s\) in object: (.*)$/s, to: (names) => `包含未知字段：${keys(names)}。` },
  { match: /^Invalid (\w+)$/, to: (format) => ifKnown(word(FORMAT_ZH, format), (what) => `${what}格式无效。`) },
  { match: /^Invalid input: must include "(.*)"(?: at one or more positions greater than or equal to (\d+))?$/s, to: (s) => `必须包含“${s}”。` },
  { match: /^Invalid input: must start with "(.*)"$/s, to: (s) => `必须以“${s}”开头。` },
  { match: /^Invalid input: must end with "(.*)"$/s, to: (s) => `必须以“${s}”结尾。` },
  {
    match: /^String must contain (at least|at most|exactly|over|under) (\d+) character\(s\)$/,
    to: (bound, n) => size(bound, n, '个字符'),
  },
  {
    match: /^Array must contain (at least|at most|exactly|more than|less than) (\d+) element\(s\)$/,
    to: (bound, n) => size(bound, n, '项'),
  },
  {
    match: /^(?:Number|BigInt) must be (greater than or equal to|greater than|less than or equal to|less than|exactly equal to|exactly) (-?[\d.e+-]+)$/,
    to: (comparison, n) => range(comparison, n, '小于', '大于'),
  },
  {
    match: /^Date must be (greater than or equal to|greater than|smaller than or equal to|smaller than|exactly equal to|exactly) (.+)$/,
    to: (comparison, d) => range(comparison, d, '早于', '晚于'),
  },
  { match: /^Number must be a multiple of (.+)$/, to: (n) => `必须是 ${n} 的倍数。` },
];
