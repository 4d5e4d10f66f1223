import type { Me } from '@kefu/contract';
import { roleTakesCalls } from '@kefu/contract';
import { paths } from '../shared/router.svelte.js';

/**
 * Who gets the agent desktop (and a softphone) at sign-in: whoever takes calls, supervisors
 * included (they take and make calls, dial the callbacks they are given, take pulled calls).
 */
export function usesAgentDesktop(user: Me | null): boolean {
  return user ? roleTakesCalls(user.role) : false;
}

/** Agents work from the desk as their home page; supervisors have theirs on its own page. */
export function deskIsHome(user: Me | null): boolean {
  return user?.role === 'agent';
}

/** Where the signed-in user's desk (phone, call, wrap-up) is. */
export function deskPath(user: Me | null): string {
  return deskIsHome(user) ? paths.home() : paths.desk();
}
