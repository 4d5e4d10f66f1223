// Words that English messages carry inside a sentence (states, kinds, weekdays), in 简体中文.
// The same terms as the console's dictionary (console/src/lib/i18n/zh-CN.ts), so a message
// names things the way the screen around it does.

export const CASE_KIND_ZH: Readonly<Record<string, string>> = { ticket: '工单', complaint: '投诉' };

/** How case-status.ts names a case in a status ("An open ticket"). */
export const CASE_IN_STATUS_ZH: Readonly<Record<string, string>> = {
  'A new ticket': '新建的工单',
  'An open ticket': '处理中的工单',
  'A ticket waiting for the customer': '等待客户的工单',
  'A resolved ticket': '已解决的工单',
  'A closed ticket': '已关闭的工单',
  'A new complaint': '新建的投诉',
  'An open complaint': '处理中的投诉',
  'A complaint waiting for the customer': '等待客户的投诉',
  'A resolved complaint': '已解决的投诉',
  'A closed complaint': '已关闭的投诉',
};

/** How case-status.ts names a status change ("moved to pending customer"). */
export const CASE_ACTION_DONE_ZH: Readonly<Record<string, string>> = {
  opened: '打开',
  acknowledged: '确认受理',
  'moved to pending customer': '转为等待客户',
  resolved: '解决',
  closed: '关闭',
  reopened: '重新打开',
};

export const AGENT_STATE_ZH: Readonly<Record<string, string>> = {
  logged_out: '已签出',
  ready: '就绪',
  not_ready: '未就绪',
  ringing: '振铃中',
  on_call: '通话中',
  wrap_up: '话后处理',
};

/** Agent events as agent-state.ts writes them (underscores as spaces). */
export const AGENT_EVENT_ZH: Readonly<Record<string, string>> = {
  login: '签入',
  logout: '签出',
  'set ready': '置为就绪',
  'set not ready': '置为未就绪',
  offer: '接收来电',
  'transfer recall': '转接回呼',
  'dial out': '外呼',
  answer: '接听',
  'ring no answer': '记为振铃未接',
  reject: '拒接',
  'offer withdrawn': '撤回来电',
  'call ended': '结束通话',
  'consult ended': '结束咨询',
  'wrap done': '完成话后处理',
};

/** "This follow-up is already …", per status, as whole sentences. */
export const FOLLOW_UP_ALREADY_ZH: Readonly<Record<string, string>> = {
  pending: '此回访仍在待处理。',
  done: '此回访已完成。',
  cancelled: '此回访已取消。',
};

export const COMPLAINT_CATEGORY_ZH: Readonly<Record<string, string>> = {
  product: '产品',
  service: '服务',
  billing: '账单',
  staff: '员工',
  other: '其他',
};

export const SEVERITY_ZH: Readonly<Record<string, string>> = { low: '低', medium: '中', high: '高', critical: '紧急' };

export const WEEKDAY_ZH: Readonly<Record<string, string>> = {
  Sunday: '星期日',
  Monday: '星期一',
  Tuesday: '星期二',
  Wednesday: '星期三',
  Thursday: '星期四',
  Friday: '星期五',
  Saturday: '星期六',
};

/** What notFound() is given. */
export const THING_ZH: Readonly<Record<string, string>> = {
  Case: '工单',
  Customer: '客户',
  Call: '通话',
  User: '用户',
  Team: '团队',
  Escalation: '升级提醒',
  'Follow-up': '回访任务',
  Queue: '队列',
  'Phone number': '号码',
  Skill: '技能',
  Campaign: '外呼活动',
  Lead: '线索',
  Import: '导入',
  'Not-ready reason': '未就绪原因',
  'Disposition code': '通话小结代码',
  Recording: '录音',
};
