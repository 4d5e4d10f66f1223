import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AGENT_STATES, CASE_KINDS, CASE_STATUSES, CaseCreate, type CaseKind, type CaseStatus } from '../../../../contract/index.js';
import { applyAgentEvent, type AgentEvent } from '../../acd/rules/agent-state.js';
import { parseBusinessCalendar } from '../../cases/rules/business-calendar-schema.js';
import { applyCaseTransition, CASE_ACTION_TYPES, type CaseAction, type CaseActionType, type CaseSnapshot } from '../../cases/rules/case-status.js';
import { DomainError, fieldError, invalid } from '../domain-error.js';
import { parseInput } from '../http/validate.js';
import { localizeError, localizeMessage, translateToZhCN } from './localize.js';
import { msg } from './message.js';

const CHINESE = /[\u4e00-\u9fff]/;
/** Latin words left in a translation mean part of it stayed English. */
const ENGLISH_WORD = /\b[A-Za-z]{3,}\b/;

function refusal(fn: () => unknown): DomainError | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}

function expectChinese(english: string): string {
  const zh = translateToZhCN(english);
  expect(zh, english).toMatch(CHINESE);
  return zh!;
}

describe('localizeMessage', () => {
  it('leaves English as it is', () => {
    expect(localizeMessage('Case not found', 'en')).toBe('Case not found');
  });

  it('writes a coded message in English from its code and params', () => {
    expect(localizeMessage(msg('auth.wrongPassword'), 'en')).toBe('Wrong username or password');
    expect(localizeMessage(msg('entity.notFound', { what: 'Case' }), 'en')).toBe('Case not found');
    expect(localizeMessage(msg('agent.transitionRefused', { state: 'wrap_up', event: 'set ready' }), 'en')).toBe('An agent who is wrap_up cannot set ready');
  });

  it('translates exact messages and patterned ones', () => {
    expect(localizeMessage(msg('auth.wrongPassword'), 'zh-CN')).toBe('用户名或密码错误。');
    expect(localizeMessage(msg('entity.notFound', { what: 'Customer' }), 'zh-CN')).toBe('未找到该客户。');
    expect(localizeMessage(msg('case.transitionRefused', { subject: 'A closed ticket', allowed: 'reopened', refused: 'resolved' }), 'zh-CN')).toBe(
      '已关闭的工单只能重新打开，不能解决。',
    );
    expect(localizeMessage(msg('calendar.overlap', { start: '09:00', end: '12:00', otherStart: '11:00', otherEnd: '13:00' }), 'zh-CN')).toBe(
      '09:00–12:00 与 11:00–13:00 重叠。',
    );
    // A word the catalogue does not know leaves the whole message in English.
    expect(localizeMessage(msg('calendar.extraDayHoursMissing', { weekday: 'Caturday' }), 'zh-CN')).toBe(
      "Extra working days take Caturday's hours, and Caturday has none",
    );
  });

  it('keeps a message it does not know, or with a word it does not know, whole and in English', () => {
    for (const english of [
      'A brand-new rule nobody translated',
      'Gremlin not found',
      'An agent who is dancing cannot answer',
      'A pending ticket can only be opened, not juggled',
      'This follow-up is already archived',
      'constructor',
      'constructor not found',
      'An agent who is constructor cannot toString',
      'Expected toString, received number',
      '',
    ]) {
      expect(translateToZhCN(english), english).toBeNull();
      expect(localizeMessage(english, 'zh-CN')).toBe(english);
    }
    for (const m of [
      msg('entity.notFound', { what: 'Gremlin' }),
      msg('entity.notFound', { what: 'constructor' }),
      msg('agent.transitionRefused', { state: 'dancing', event: 'answer' }),
      msg('agent.transitionRefused', { state: 'constructor', event: 'toString' }),
    ]) {
      expect(localizeMessage(m, 'zh-CN')).toBe(localizeMessage(m, 'en'));
    }
  });
});

describe('localizeError', () => {
  it('translates the message and each field message, keeping field names and order', () => {
    const out = localizeError(
      invalid([fieldError('resolution', 'case.resolutionRequired'), fieldError('rootCause', 'case.rootCauseRequired')]),
      'zh-CN',
    );
    expect(out).toEqual({
      message: '输入有误：resolution、rootCause。',
      fields: [
        { field: 'resolution', message: '请说明投诉是如何解决的。' },
        { field: 'rootCause', message: '请选择根本原因。' },
      ],
    });
    expect(localizeError(new DomainError('UNAUTHENTICATED', msg('auth.signInFirst')), 'zh-CN')).toEqual({ message: '请先登录。' });
  });
});

describe('messages built from states', () => {
  it('translates every refusal of the case status machine', () => {
    const long = new Date('2020-01-01T00:00:00Z');
    const now = new Date('2026-01-01T00:00:00Z');
    const seen = new Set<string>();
    for (const kind of CASE_KINDS as readonly CaseKind[]) {
      for (const status of CASE_STATUSES as readonly CaseStatus[]) {
        for (const type of CASE_ACTION_TYPES as readonly CaseActionType[]) {
          for (const acknowledgedAt of [null, long]) {
            const snapshot: CaseSnapshot = { kind, status, acknowledgedAt, resolution: null, rootCause: null, customerConfirmed: null, contactAttempts: 0, closedAt: long };
            const error = refusal(() => applyCaseTransition(snapshot, { type } as CaseAction, now));
            if (!error) continue;
            const zhError = localizeError(error, 'zh-CN');
            const pairs = [[error.message, zhError.message], ...(error.fields ?? []).map((f, i) => [f.message, zhError.fields![i]!.message])] as const;
            for (const [english, zh] of pairs) {
              seen.add(english);
              expect(zh, english).toMatch(CHINESE);
              // The summary of a 400 names its fields by their API names.
              if (!english.startsWith('Invalid input: ')) expect(zh, english).not.toMatch(ENGLISH_WORD);
            }
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(15);
  });

  it('translates every refusal of the agent state machine', () => {
    const events: Record<AgentEvent['type'], AgentEvent> = {
      login: { type: 'login' },
      logout: { type: 'logout' },
      set_ready: { type: 'set_ready' },
      set_not_ready: { type: 'set_not_ready', reason: 'break' },
      offer: { type: 'offer' },
      transfer_recall: { type: 'transfer_recall' },
      dial_out: { type: 'dial_out' },
      answer: { type: 'answer' },
      ring_no_answer: { type: 'ring_no_answer' },
      reject: { type: 'reject' },
      offer_withdrawn: { type: 'offer_withdrawn' },
      call_ended: { type: 'call_ended' },
      consult_ended: { type: 'consult_ended' },
      wrap_done: { type: 'wrap_done', then: 'ready' },
    };
    let refusals = 0;
    for (const state of AGENT_STATES) {
      for (const event of Object.values(events)) {
        const error = refusal(() => applyAgentEvent({ state, reason: null }, event));
        if (!error) continue;
        refusals++;
        const zh = localizeError(error, 'zh-CN').message;
        expect(zh, error.message).toMatch(CHINESE);
        expect(zh, error.message).not.toMatch(ENGLISH_WORD);
      }
    }
    expect(refusals).toBeGreaterThan(40);
  });
});

describe("zod's own messages", () => {
  const issues = (schema: z.ZodTypeAny, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error(`expected ${JSON.stringify(value)} to fail`);
    return r.error.issues.map((i) => i.message);
  };

  it('translates each kind of built-in check', () => {
    const cases: [z.ZodTypeAny, unknown, string | null][] = [
      [z.object({ a: z.string() }), {}, '此项为必填项。'],
      [z.string(), 1, '应为文本，实际是数字。'],
      [z.number().int(), 1.5, '应为整数，实际是小数。'],
      [z.coerce.number(), 'abc', '应为数字，实际是非数字。'],
      [z.string().min(1), '', '不能为空。'],
      [z.string().min(3), 'a', '至少需要 3 个字符。'],
      [z.string().max(3), 'abcd', '最多 3 个字符。'],
      [z.string().length(2), 'a', '必须正好是 2 个字符。'],
      [z.array(z.number()).min(1), [], '至少需要 1 项。'],
      [z.array(z.number()).max(1), [1, 2], '最多 1 项。'],
      [z.number().min(0), -1, '不能小于 0。'],
      [z.number().positive(), 0, '必须大于 0。'],
      [z.number().max(5), 6, '不能大于 5。'],
      [z.number().lt(5), 5, '必须小于 5。'],
      [z.number().multipleOf(5), 7, '必须是 5 的倍数。'],
      [z.number().finite(), Infinity, null],
      [z.enum(['low', 'high']), 'mid', '无效的选项“mid”，可选：low、high。'],
      [z.literal('x'), 'y', '值无效，应为 "x"。'],
      [z.object({}).strict(), { shoeSize: 42 }, '包含未知字段：shoeSize。'],
      [z.string().email(), 'no', '邮箱地址格式无效。'],
      [z.string().url(), 'no', '网址格式无效。'],
      [z.string().uuid(), 'no', null],
      [z.string().datetime(), 'no', '日期时间格式无效。'],
      [z.string().regex(/^a$/), 'b', '格式无效。'],
      [z.string().startsWith('a'), 'b', '必须以“a”开头。'],
      [z.string().endsWith('a'), 'b', '必须以“a”结尾。'],
      [z.string().includes('a'), 'b', '必须包含“a”。'],
      [z.union([z.string(), z.number()]), true, '输入无效。'],
      [z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })]), { k: 'c' }, '类型无效，可选：a、b。'],
      [z.date(), new Date('x'), '日期格式无效。'],
      [z.date().min(new Date(0)), new Date(-1), null],
      [z.string().refine(() => false), 'x', '输入无效。'],
    ];
    for (const [schema, value, expected] of cases) {
      for (const english of issues(schema, value)) {
        const zh = expectChinese(english);
        if (expected !== null) expect(zh, english).toBe(expected);
      }
    }
  });

  it('translates what the validation helper reports for a real request body', () => {
    const fieldsOf = (body: unknown) => {
      const error = refusal(() => parseInput(CaseCreate, body));
      expect(error?.code).toBe('VALIDATION');
      return localizeError(error!, 'zh-CN').fields;
    };
    expect(fieldsOf({ kind: 'complaint', customerId: 1, subject: '', severity: 'urgent', shoeSize: 1 })).toEqual(
      expect.arrayContaining([
        { field: 'subject', message: '不能为空。' },
        { field: 'severity', message: '无效的选项“urgent”，可选：low、medium、high、critical。' },
        { field: 'shoeSize', message: '未知字段。' },
      ]),
    );
    expect(fieldsOf({ kind: 'complaint', customerId: 1, subject: '账单多扣' })).toEqual([
      { field: 'category', message: '投诉须选择类别：产品、服务、账单、员工、其他。' },
      { field: 'severity', message: '投诉须选择严重程度。' },
    ]);
  });

  it('translates what the settings rules report, parsed inside the domain', () => {
    const hours = [{ start: '09:00', end: '18:00' }];
    const inputs: unknown[] = [
      { timeZone: 'Mars/Olympus', weeklyHours: [hours], holidays: ['2025-02-30'], extraWorkingDays: [], junk: 1 },
      { timeZone: 'Asia/Shanghai', weeklyHours: [[], [], hours, hours, hours, hours, []], holidays: ['2025-10-01'], extraWorkingDays: ['2025-10-01'] },
      { timeZone: 'Asia/Shanghai', weeklyHours: [[{ start: '18:00', end: '09:00' }, { start: '25:00', end: '26:00' }], [], [], [], [], [], []], holidays: [], extraWorkingDays: [] },
      { timeZone: 'Asia/Shanghai', weeklyHours: [[], [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }], [], [], [], [], []], holidays: [], extraWorkingDays: [], extraWorkingDayHoursFrom: 9 },
      'not a calendar',
    ];
    let messages = 0;
    for (const input of inputs) {
      const error = refusal(() => parseBusinessCalendar(input));
      expect(error?.code).toBe('VALIDATION');
      for (const f of localizeError(error!, 'zh-CN').fields ?? []) {
        messages++;
        expect(f.message, f.field).toMatch(CHINESE);
      }
    }
    expect(messages).toBeGreaterThan(6);
  });
});
