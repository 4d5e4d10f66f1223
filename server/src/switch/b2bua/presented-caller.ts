// Who a called party sees as calling. Between staff, the caller's own extension and name (a
// colleague knows who rings). Toward anyone else (a customer's phone, later the carrier), a
// staff member's call shows the site's default outbound number when an admin has set one, so
// customers call back the company and not an agent's line; the agent's name stays inside.
export interface PresentedCaller {
  readonly number: string;
  readonly displayName: string | null;
}

export function presentedCaller(
  caller: PresentedCaller & { readonly isStaff: boolean },
  calleeIsStaff: boolean,
  siteNumber: string | null,
): PresentedCaller {
  if (!caller.isStaff || calleeIsStaff || !siteNumber) return { number: caller.number, displayName: caller.displayName };
  return { number: siteNumber, displayName: null };
}
