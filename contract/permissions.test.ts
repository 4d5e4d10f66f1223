import { describe, expect, it } from 'vitest';
import { ROLES } from './domain.js';
import { roleEditsCustomers, roleReassignsOwners, roleSeesCases, roleSupervises, roleTakesCalls } from './permissions.js';

const who = (rule: (r: (typeof ROLES)[number]) => boolean) => ROLES.filter(rule);

describe('role groups', () => {
  it('name who supervises, who takes calls, who serves customers', () => {
    expect(who(roleSupervises)).toEqual(['supervisor', 'admin']);
    expect(who(roleTakesCalls)).toEqual(['agent', 'supervisor']);
    expect(who(roleEditsCustomers)).toEqual(['agent', 'supervisor', 'admin']);
    expect(who(roleReassignsOwners)).toEqual(['supervisor', 'admin']);
    expect(who(roleSeesCases)).toEqual(['agent', 'supervisor', 'admin']);
  });
});
