import { describe, expect, it } from 'vitest';
import type { AdminUser } from '@kefu/contract';
import { createBody, EMPTY_USER_FORM, formOf, patchBody } from './user-form.js';

const USER: AdminUser = {
  id: 7,
  username: 'li.na',
  displayName: '李娜',
  role: 'agent',
  teamId: 2,
  teamName: 'Support',
  extension: '1001',
  locale: null,
  active: true,
  mustChangePassword: false,
  version: 4,
  createdAt: '2026-12-01T00:00:00.000Z',
};

describe('the user form', () => {
  it('leaves out what the admin left empty, so the server gives an extension and a one-time password', () => {
    expect(createBody({ ...EMPTY_USER_FORM, username: ' wang ', displayName: 'Wang' })).toEqual({ username: 'wang', displayName: 'Wang', role: 'agent' });
    expect(createBody({ ...EMPTY_USER_FORM, username: 'w', displayName: 'W', teamId: '3', extension: '2001', password: 'long-enough-pw' })).toEqual({
      username: 'w',
      displayName: 'W',
      role: 'agent',
      teamId: 3,
      extension: '2001',
      password: 'long-enough-pw',
    });
  });

  it('sends only the changed fields with the loaded version', () => {
    expect(patchBody(USER, formOf(USER))).toEqual({ version: 4 });
    expect(patchBody(USER, { ...formOf(USER), teamId: '', extension: '', displayName: 'Li Na' })).toEqual({ version: 4, displayName: 'Li Na', teamId: null, extension: null });
  });
});
