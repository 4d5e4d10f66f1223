// The server's messages in 简体中文, keyed on the same codes as messages.en.ts. A string entry
// has `{name}` params like the English; a function entry translates params that are words (a
// state, a thing) and returns null for a word it does not know, so the message stays English
// rather than half-translated. Each ends with '。': the console joins several messages with no
// separator in 简体中文. The type makes a code without an entry fail to compile.
import type { MessageKey, MessageParams } from './message.js';
import { CAMPAIGN_MESSAGES_ZH_CN } from './messages.campaigns.zh-CN.js';
import { SEGMENT_MESSAGES_ZH_CN } from './messages.segments.zh-CN.js';
import { codesIn, englishList, ifKnown, translateAll, word, zhOrList } from './message-pattern.js';
import {
  AGENT_EVENT_ZH,
  AGENT_STATE_ZH,
  CASE_ACTION_DONE_ZH,
  CASE_IN_STATUS_ZH,
  CASE_KIND_ZH,
  COMPLAINT_CATEGORY_ZH,
  FOLLOW_UP_ALREADY_ZH,
  SEVERITY_ZH,
  THING_ZH,
  WEEKDAY_ZH,
} from './vocabulary.zh-CN.js';
import { FLOOR_MESSAGES_ZH_CN } from './messages-floor.zh-CN.js';
import { TRANSFER_MESSAGES_ZH_CN } from './messages-transfer.zh-CN.js';
import { MONITORING_MESSAGES_ZH_CN } from './messages-monitoring.zh-CN.js';

export type Translation = string | ((params: MessageParams) => string | null);

const param = (params: MessageParams, name: string): string => String(params[name] ?? '');
/** Field names are API names; only the list punctuation changes. */
const zhList = (list: string) => list.split(', ').join('、');

export const MESSAGES_ZH_CN: Readonly<Record<MessageKey, Translation>> = {
  // Supervisors acting on the floor
  ...FLOOR_MESSAGES_ZH_CN,
  ...MONITORING_MESSAGES_ZH_CN,
  ...CAMPAIGN_MESSAGES_ZH_CN,
  ...SEGMENT_MESSAGES_ZH_CN,
  ...TRANSFER_MESSAGES_ZH_CN,
  // The contract's validation messages (contract/messages.ts)
  'input.nothingToChange': '没有需要修改的内容。',
  'customers.phoneOrQuery': '请只提供电话号码（phone）或关键词（q）中的一项。',
  'cases.complaintNeedsCategory': (p) => `投诉须选择类别：${codesIn(englishList(param(p, 'categories')), COMPLAINT_CATEGORY_ZH).join('、')}。`,
  'cases.complaintNeedsSeverity': '投诉须选择严重程度。',
  'report.fromBeforeTo': '开始时间必须早于结束时间。',
  'sla.longerThanAYear': '服务时限超过一年，可能是输入错误。',
  'sla.ackAfterResolve': (p) => ifKnown(word(SEVERITY_ZH, param(p, 'severity')), (s) => `严重程度为“${s}”的投诉，受理期限会晚于解决期限。`),
  'sla.ackAfterResolveInCategory': (p) => {
    const s = word(SEVERITY_ZH, param(p, 'severity'));
    const c = word(COMPLAINT_CATEGORY_ZH, param(p, 'category'));
    return s && c ? `严重程度为“${s}”的“${c}”类投诉，受理期限会晚于解决期限。` : null;
  },
  'calendar.timeOfDay': '请使用 24 小时制时间“HH:MM”，范围为“00:00”到“24:00”。',
  'calendar.endAfterStart': '结束时间必须晚于开始时间；跨过午夜的时段请拆到两天。',
  'calendar.overlap': '{start}–{end} 与 {otherStart}–{otherEnd} 重叠。',
  'calendar.realDate': '请填写“YYYY-MM-DD”格式的有效日期。',
  'calendar.unknownTimeZone': '未知时区“{zone}”，请使用 IANA 时区名称，例如“Asia/Shanghai”。',
  'calendar.sevenWeekdays': '请填写一周 7 天的营业时间，从星期日开始（休息日留空）。',
  'calendar.someOpenWeekday': '至少要有一天设置营业时间。',
  'calendar.extraDayHoursMissing': (p) => ifKnown(word(WEEKDAY_ZH, param(p, 'weekday')), (d) => `调休工作日沿用${d}的营业时间，但${d}没有营业时间。`),
  'calendar.holidayAndExtraDay': '{date} 同时被列为节假日。',
  'retention.auditKeptForGood': '审计记录的保留期限由 KEFU_AUDIT_RETENTION_DAYS 设置（默认 3 年），不在此处设置。',
  'privacy.roleOnce': '每个角色只能列出一次。',

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

  // Tickets and complaints
  'case.notForRole': '您的角色不处理工单与投诉。',
  'case.changedMeanwhile': '在您打开此工单后，已有其他人保存了修改。请重新加载查看他们的修改，然后再做您的修改。',
  'case.editOwnOnly': '您只能修改自己创建的工单、分配给您的工单，以及本班组未分配的工单。',
  'case.cannotAssign': '您不能把工单分配给此人。',
  'case.complaintFieldsOnly': '严重程度、渠道和根本原因只适用于投诉。',
  'case.complaintCategoryChoice': '投诉类别只能是产品、服务、账单、员工或其他。',
  'case.transitionRefused': (p) => {
    const subject = word(CASE_IN_STATUS_ZH, param(p, 'subject'));
    const can = translateAll(englishList(param(p, 'allowed')), CASE_ACTION_DONE_ZH);
    const cannot = word(CASE_ACTION_DONE_ZH, param(p, 'refused'));
    return subject && can && cannot ? `${subject}只能${zhOrList(can)}，不能${cannot}。` : null;
  },
  'case.ticketHasNoResolution': '工单没有解决方案和根本原因，请改为添加备注。',
  'case.resolutionRequired': '请说明投诉是如何解决的。',
  'case.rootCauseRequired': '请选择根本原因。',
  'case.rootCauseTooLong': '根本原因代码最多 {max} 个字符。',
  'case.closeNeedsResolution': '投诉还没有解决方案，不能关闭。',
  'case.closeNeedsConfirmation': '须在客户确认问题已解决，或已尝试回访联系客户之后，才能关闭投诉。',
  'case.reopenWindowPassed': (p) => {
    const k = word(CASE_KIND_ZH, param(p, 'kind'));
    return k === undefined ? null : `此${k}已关闭超过 ${param(p, 'days')} 天，不能重新打开，请新建${k}。`;
  },
  'case.alreadyAcknowledged': '此投诉已确认受理过。',
  'case.needsCategory': (p) => `投诉须选择类别：${codesIn(englishList(param(p, 'categories')), COMPLAINT_CATEGORY_ZH).join('、')}。`,
  'case.needsSeverity': (p) => `投诉须选择严重程度：${codesIn(englishList(param(p, 'severities')), SEVERITY_ZH).join('、')}。`,
  'sla.stoppedCannotPause': '服务时限已停止计时，不能暂停。',
  'sla.alreadyPaused': '服务时限已在暂停计时。',
  'sla.notPaused': '服务时限没有暂停计时。',
  'callLink.noSuchCall': '该通话不存在。',
  'callLink.ownOnly': '您只能关联自己的通话。',
  'callLink.teamOnly': '您只能关联本团队的通话。',
  'callLink.otherCustomer': '该通话属于另一位客户。',

  // Follow-ups and escalations
  'followUp.changedMeanwhile': '此回访已被其他人更新，请重新加载。',
  'followUp.assignedToOther': '此回访已分配给其他人。',
  'followUp.already': (p) => word(FOLLOW_UP_ALREADY_ZH, param(p, 'status')) ?? null,
  // Outcomes are API values, shown as they are.
  'followUp.unknownOutcome': (p) => `回访结果无效，请使用以下之一：${codesIn(englishList(param(p, 'outcomes'))).join('、')}。`,
  'followUp.noPhone': '该客户没有电话号码。',
  'escalation.supervisorsOnly': '升级提醒只发送给班组长。',
  'escalation.notYours': '此升级提醒是发给其他人的，只有接收人或系统管理员可以确认。',

  // Reports and settings
  'report.supervisorsOnly': '报表仅供班组长和系统管理员查看。',
  'wallboard.supervisorsOnly': '实时监控墙仅供班组长和系统管理员查看。',
  'report.tooManyIntervals': '该时间段超过 {max} 个统计区间，请缩短时间段或选择更长的区间。',
  'settings.changedMeanwhile': '这些设置已被其他人修改，请重新加载后再试。',

  // Administration: users and teams
  'admin.adminsOnly': '只有管理员可以管理用户和团队。',
  'user.usernameTaken': '该用户名已被使用。',
  'user.extensionTaken': '该分机号已分配给其他人。',
  'user.noFreeExtension': '1001 到 8999 的分机号已全部分配，请手动填写一个。',
  'user.changedMeanwhile': '该用户已被他人修改，请刷新后重试。',
  'user.notYourself': '不能停用自己，也不能取消自己的管理员角色。',
  'user.lastAdmin': '至少要保留一名启用中的管理员。',
  'team.nameTaken': '已有同名团队。',
  'team.changedMeanwhile': '该团队已被他人修改，请刷新后重试。',
  'team.supervisorRole': '团队负责人必须是启用中的主管或管理员。',
  // Administration: queues, phone numbers and skills
  'admin.setupAdminsOnly': '只有管理员可以管理队列、号码和技能。',
  'admin.notYourTeam': '主管只能管理本团队的坐席。',
  'admin.agentsOnly': '只有坐席和主管接听电话，因此只有他们有技能和队列。',
  'queue.nameTaken': '已有同名队列。',
  'queue.changedMeanwhile': '该队列已被他人修改，请刷新后重试。',
  'queue.noSuchQueue': '没有这个队列。',
  'queue.notItself': '队列不能把来电转给自己。',
  'queue.memberTakesCalls': '队列成员必须是启用中的坐席或主管。',
  'queue.memberRepeated': '此人已是队列成员。',
  'phoneNumber.invalid': '{number} 不是有效的电话号码。',
  'phoneNumber.repeated': '{number} 重复填写了。',
  'phoneNumber.taken': '{number} 已指向 {name}；一个号码只能有一个去向。',
  'phoneNumber.takenMeanwhile': '其中一个号码刚被分配给其他去向，请刷新后重试。',
  'phoneNumber.changedMeanwhile': '该号码已被他人修改，请刷新后重试。',
  'phoneNumber.agentTakesCalls': '号码只能指向启用中的坐席或主管。',
  'skill.nameTaken': '已有同名技能。',
  'skill.changedMeanwhile': '该技能已被他人修改，请刷新后重试。',
  'skill.noSuchSkill': '没有这个技能。',
  // Administration: Not-ready reasons and disposition codes
  'admin.codesAdminsOnly': '只有管理员可以修改未就绪原因和通话小结代码。',
  'notReady.unknownReason': (p) => `“${param(p, 'code')}”不是启用中的未就绪原因，请从以下选择：${codesIn(englishList(param(p, 'codes'))).join('、')}。`,
  'notReady.codeTaken': '已有使用该代码的未就绪原因。',
  'notReady.systemCode': (p) => `该代码由系统自动使用（${zhList(param(p, 'codes'))}），请换一个。`,
  'notReady.changedMeanwhile': '该未就绪原因已被他人修改，请刷新后重试。',
  'disposition.codeTaken': '同一列表（该队列自己的或共用的通话小结）中已有该代码。',
  'disposition.noSuchQueue': '该队列不存在。',
  'disposition.changedMeanwhile': '该通话小结代码已被他人修改，请刷新后重试。',
  'auth.passwordChangeRequired': '请先设置您自己的密码。',
  'auth.currentPasswordWrong': '当前密码不正确。',
  'auth.samePassword': '请设置一个与当前密码不同的新密码。',
  // Backups
  'backup.noDataKey': '没有用于加密备份的数据密钥：请设置 KEFU_DATA_KEY 或 KEFU_DATA_KEY_FILE。',
  'backup.badDataKey': '无法读取数据密钥：{detail}。',
  'backup.noPgDump': '未找到适用于 PostgreSQL {server} 的 pg_dump（已找到：{found}）。请安装 PostgreSQL {server} 客户端工具，并将 KEFU_PG_BIN_DIR 设为其 bin 目录。',
  'backup.noPgRestore': '未找到能读取此备份（由 pg_dump {dump} 生成）的 pg_restore（已找到：{found}）。请安装 PostgreSQL {dump} 客户端工具，并将 KEFU_PG_BIN_DIR 设为其 bin 目录。',
  'backup.dumpFailed': 'pg_dump 执行失败：{detail}。',
  'backup.cannotWrite': '无法将备份写入 {dir}：{detail}。',
  'backup.databaseUnreachable': '无法连接数据库：{detail}。',
  'backup.alreadyRunning': '已有备份正在进行，请等待其完成。',
  'backup.failed': '备份失败，详情见服务器日志。',

  // Personal data
  'erasure.heldByComplaint': '该客户有未结投诉，处于法律保留状态，不能删除：{cases}。',
  'erasure.heldByDispute': '该客户有未结争议，处于法律保留状态，不能删除：{cases}。',
  // Dialling a masked number
  'privacy.dialNumberChanged': '页面加载后该客户的号码已变更，请重新加载并再次选择号码。',
  'privacy.noSuchNumber': '该客户的号码列表中没有这个位置的号码。',
};
