import { describe, expect, it } from 'vitest';
import type { NotReadyReason } from '@kefu/contract';
import { ApiError } from '../shared/api.js';
import { EditableCodeList, type CodePatch } from './editable-code-list.svelte.js';

const reason = (id: number, sort: number, over: Partial<NotReadyReason> = {}): NotReadyReason => ({ id, code: `r${id}`, label: `Reason ${id}`, labelZh: `原因${id}`, sort, active: true, version: 1, ...over });

function listWith(items: NotReadyReason[], server: { create?: () => Promise<NotReadyReason>; update?: (id: number, p: CodePatch & { flag?: boolean }) => Promise<NotReadyReason> } = {}) {
  const updates: unknown[] = [];
  const saved: number[] = [];
  let flag = false;
  const list = new EditableCodeList<NotReadyReason, { flag: boolean }>({
    load: async () => items,
    create: server.create ?? (async () => reason(9, 0)),
    update: async (id, p) => {
      updates.push(p);
      return server.update ? server.update(id, p) : { ...items.find((r) => r.id === id)!, ...p, version: p.version + 1 } as NotReadyReason;
    },
    order: (a, b) => a.sort - b.sort || a.id - b.id,
    fields: ['code', 'label', 'labelZh', 'sort'],
    said: { created: 'reasons.created', saved: 'reasons.saved', retired: 'reasons.retired', restored: 'reasons.restored' },
    nameOf: (r) => r.label,
    extraPatch: () => (flag ? { flag } : {}),
    saved: (r) => saved.push(r.id),
  });
  return { list, updates, saved, setFlag: (v: boolean) => (flag = v) };
}

describe('an editable list of codes', () => {
  it('puts a new code in its place in the order, says so, and empties the form', async () => {
    const { list, saved } = listWith([reason(1, 1), reason(2, 5)]);
    await list.load();
    list.draft = { code: 'r9', label: 'Reason 9', labelZh: '原因9', sort: '0' };
    expect(await list.create()).toBe(true);
    expect(list.items.map((r) => r.id)).toEqual([9, 1, 2]);
    expect(list.done).toBe('Reason Reason 9 was added.');
    expect(list.draft.code).toBe('');
    expect(saved).toEqual([9]);
  });

  it('keeps the form and shows the server’s field errors when a new code is refused', async () => {
    const refusal = new ApiError(400, 'VALIDATION', 'bad', [{ field: 'code', message: 'code is taken' }]);
    const { list } = listWith([], { create: () => Promise.reject(refusal) });
    list.draft = { code: 'dup', label: 'Dup', labelZh: '重复', sort: '' };
    expect(await list.create()).toBe(false);
    expect(list.errors.fields).toEqual({ code: 'code is taken' });
    expect(list.draft.code).toBe('dup');
  });

  it('saves only what changed at the loaded version, with the page’s own fields', async () => {
    const { list, updates, setFlag } = listWith([reason(1, 1, { version: 4 })]);
    await list.load();
    list.startEdit(list.items[0]!);
    list.editDraft = { ...list.editDraft, label: 'Lunch' };
    setFlag(true);
    await list.saveEdit();
    expect(updates).toEqual([{ version: 4, label: 'Lunch', flag: true }]);
    expect(list.editing).toBeNull();
    expect(list.items[0]).toMatchObject({ label: 'Lunch', version: 5 });
  });

  it('retires and restores a code, and shows a refusal in one sentence', async () => {
    const { list, updates } = listWith([reason(1, 1)]);
    await list.load();
    await list.setActive(list.items[0]!, false);
    expect(updates).toEqual([{ version: 1, active: false }]);
    expect(list.items[0]!.active).toBe(false);
    expect(list.done).toBe('Reason Reason 1 was retired: agents no longer see it.');

    const stale = listWith([reason(1, 1)], { update: () => Promise.reject(new ApiError(409, 'CONFLICT', 'Someone changed it meanwhile')) });
    await stale.list.load();
    await stale.list.setActive(stale.list.items[0]!, false);
    expect(stale.list.rowError).toBe('Someone changed it meanwhile');
    expect(stale.list.items[0]!.active).toBe(true);
  });
});
