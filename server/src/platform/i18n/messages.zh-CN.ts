// The server's messages in 简体中文, keyed on the same codes as messages.en.ts. A string entry
// has `{name}` params like the English; a function entry translates params that are words (a
// state, a thing) and returns null for a word it does not know, so the message stays English
// rather than half-translated. Each ends with '。': the console joins several messages with no
// separator in 简体中文. The type makes a code without an entry fail to compile.
import type { MessageKey, MessageParams } from './message.js';
import { codesIn, englishList, word } from './message-pattern.js';
import { AGENT_EVENT_ZH, AGENT_STATE_ZH, THING_ZH } from './vocabulary.zh-CN.js';

export type Translation = string | ((params: MessageParams) => string | null);

const param = (params: MessageParams, name: string): string => String(params[name] ?? '');
/** Field names are API names; only the list punctuation changes. */
const zhList = (list: string) => list.split(', ').join('、');

export const MESSAGES_ZH_CN: Readonly<Record<MessageKey, Translation>> = {
  // Signing in, roles and the request itself
  'auth.signInFirst': '请先登录。',
  'auth.wrongPassword': '用户名或密码错误。',
  'auth.tooManySignIns': '登录失败次数过多，请稍后再试。',
  'auth.roleRefused': '您的角色无权执行此操作。',
  'access.forbidden': '您无权执行此操作。',
  'request.crossSite': '已拒绝来自其他网站的请求。',
  'request.noSuchRoute': '不存在此 API 路径。',
  'request.invalidJson': '请求内容不是有效的 JSON。',
  'request.malformedJson': 'JSON 格式有误。',
  'request.tooLarge': '请求内容过大。',
  'request.unreadable': '无法读取请求内容。',
  'request.bad': '请求无效。',
  'request.nulCharacter': '含有不允许的空字符（NUL）。',
  'request.unknownField': '未知字段。',
  'request.invalidInput': (p) => `输入有误：${zhList(param(p, 'fields'))}。`,
  'request.invalidPayload': (p) => `请求内容有误：${zhList(param(p, 'fields'))}。`,
  'request.databaseUnavailable': '暂时无法连接数据库，请稍后重试。',
  'request.internal': '服务器出错了。',
  'request.pingTakesEmpty': 'session:ping 只接受空对象。',
  'request.badCursor': '分页位置无效，请重新加载列表。',
  'entity.notFound': (p) => {
    const thing = word(THING_ZH, param(p, 'what'));
    return thing === undefined ? null : `未找到该${thing}。`;
  },

  // Customers and people
  'phone.invalid': '电话号码无效。',
  'customer.forbidden': '您无权查看或修改此客户。',
  'user.noSuchUser': '该用户不存在。',
  'team.noSuchTeam': '该班组不存在。',
  'team.notInTeam': '您不属于任何班组。',

  // Calls, the agent desk, the web phone and wrap-up
  'softphone.tooMany': '此地址申请的网页电话过多，请稍后再试。',
  'softphone.extensionNumber': '此号码是 kefu 用户的分机号，网页电话不能使用。',
  'softphone.noExtension': '您还没有分机号，请联系系统管理员分配。',
  'agent.notSetUp': '您的账户尚未设置为可接听电话。',
  'agent.transitionRefused': (p) => {
    const s = word(AGENT_STATE_ZH, param(p, 'state'));
    const e = word(AGENT_EVENT_ZH, param(p, 'event'));
    return s && e ? `坐席处于“${s}”状态时不能${e}。` : null;
  },
  'call.notYours': '这不是您的通话。',
  'call.notYourCurrent': '这不是您当前的通话。',
  'call.notesOwnOnly': '您只能为自己的通话填写备注。',
  'wrapUp.dispositionToFinish': '请为本次通话选择通话小结，才能完成话后处理。',
  'wrapUp.dispositionRequired': '请为本次通话选择通话小结。',
  // Disposition codes are the queue's own, shown as they are.
  'wrapUp.unknownDisposition': (p) => `此通话所在队列没有这个通话小结，请从以下选择：${codesIn(englishList(param(p, 'codes'))).join('、')}。`,
};
