import { describe, expectTypeOf, it } from 'vitest';
import type {
  Ack,
  BusinessCalendar,
  CaseAction,
  CaseDetail,
  ClientToServerEvents,
  Customer360,
  Me,
  ServerToClientEvents,
  Severity,
  SettingValues,
  StoredSetting,
  TargetOverride,
} from './index.js';

describe('the shared contract', () => {
  it('pins the socket event shapes both ends compile against', () => {
    expectTypeOf<Parameters<ServerToClientEvents['session:ready']>[0]>().toEqualTypeOf<{ user: Me }>();
    expectTypeOf<Parameters<ClientToServerEvents['session:ping']>[1]>().toEqualTypeOf<(res: Ack<{ at: string }>) => void>();
  });
  it('keeps cases optional for roles that may not see them', () => {
    expectTypeOf<Customer360['cases']>().toBeNullable();
  });
  it('tells the console which status moves the viewer may make', () => {
    expectTypeOf<CaseDetail['allowedActions']>().toEqualTypeOf<CaseAction[]>();
  });
  it('gives the settings editors the values the server validates, category exceptions included', () => {
    expectTypeOf<StoredSetting<'business_calendar'>['value']>().toEqualTypeOf<BusinessCalendar>();
    expectTypeOf<SettingValues['sla_policy']['complaints']['byCategory']['billing']>().toEqualTypeOf<Partial<Record<Severity, TargetOverride>> | undefined>();
  });
});
