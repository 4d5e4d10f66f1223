// Fixed English messages not yet given a code (see messages.en.ts), in 简体中文, keyed by the
// English text exactly as thrown: the cases room's and the contract's zod refinements. Messages
// with names, numbers or states in them are in message-patterns.zh-CN.ts; zod's own in
// zod-messages.zh-CN.ts. messages.zh-CN.test.ts fails on any message without an entry.
// Each ends with '。': the console joins several messages with no separator in 简体中文.

export const TEXT_MESSAGES_ZH_CN: Readonly<Record<string, string>> = {
  // Signing in, roles and the request itself
  'Nothing to change': '没有需要修改的内容。',

  // Customers and people
  'Give exactly one of phone or q': '请只提供电话号码（phone）或关键词（q）中的一项。',

  // Calls, the agent desk and wrap-up
  'No such call': '该通话不存在。',
  'You can only link your own calls': '您只能关联自己的通话。',
  "You can only link your team's calls": '您只能关联本团队的通话。',
  'That call is with another customer': '该通话属于另一位客户。',

  // Tickets and complaints
  'Cases are not part of your role': '您的角色不处理工单与投诉。',
  'Someone else saved this case after you opened it. Reload to see their changes, then make yours again.':
    '在您打开此工单后，已有其他人保存了修改。请重新加载查看他们的修改，然后再做您的修改。',
  "You can change your own cases, cases assigned to you and your team's unassigned ones":
    '您只能修改自己创建的工单、分配给您的工单，以及本班组未分配的工单。',
  'You cannot assign a case to that person': '您不能把工单分配给此人。',
  'Severity, channel and root cause belong to complaints': '严重程度、渠道和根本原因只适用于投诉。',
  'A complaint category is product, service, billing, staff or other': '投诉类别只能是产品、服务、账单、员工或其他。',
  'A complaint needs a severity': '投诉须选择严重程度。',
  'A ticket has no resolution or root cause; write a note instead': '工单没有解决方案和根本原因，请改为添加备注。',
  'Say how the complaint was resolved': '请说明投诉是如何解决的。',
  'Give the root-cause code': '请选择根本原因。',
  'A complaint without a resolution cannot be closed': '投诉还没有解决方案，不能关闭。',
  'A complaint can be closed only once the customer has confirmed the fix or a follow-up contact has been attempted':
    '须在客户确认问题已解决，或已尝试回访联系客户之后，才能关闭投诉。',
  'This complaint has already been acknowledged': '此投诉已确认受理过。',
  'A stopped SLA clock cannot be paused': '服务时限已停止计时，不能暂停。',
  'The SLA clock is already paused': '服务时限已在暂停计时。',
  'The SLA clock is not paused': '服务时限没有暂停计时。',

  // Follow-ups and escalations
  'This follow-up was updated by someone else; reload it': '此回访已被其他人更新，请重新加载。',
  'This follow-up is assigned to someone else': '此回访已分配给其他人。',
  'The customer has no phone number': '该客户没有电话号码。',
  'Escalations go to supervisors': '升级提醒只发送给班组长。',
  'This escalation was sent to someone else; only they or an admin can acknowledge it':
    '此升级提醒是发给其他人的，只有接收人或系统管理员可以确认。',

  // Reports and settings
  'Reports are for supervisors and admins': '报表仅供班组长和系统管理员查看。',
  'from must be before to': '开始时间必须早于结束时间。',
  'These settings were changed by someone else; reload and try again': '这些设置已被其他人修改，请重新加载后再试。',
  'An SLA longer than a year is surely a typo': '服务时限超过一年，可能是输入错误。',
  "Use a 24-hour time 'HH:MM' from '00:00' to '24:00'": '请使用 24 小时制时间“HH:MM”，范围为“00:00”到“24:00”。',
  'The end must be after the start; split hours that pass midnight into two days': '结束时间必须晚于开始时间；跨过午夜的时段请拆到两天。',
  "Use a real date written 'YYYY-MM-DD'": '请填写“YYYY-MM-DD”格式的有效日期。',
  'Give the hours of all 7 weekdays, Sunday first (an empty list for a closed day)': '请填写一周 7 天的营业时间，从星期日开始（休息日留空）。',
  'At least one weekday needs opening hours': '至少要有一天设置营业时间。',
};
