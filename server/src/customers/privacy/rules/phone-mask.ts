// A phone number as shown to a viewer who does not need it whole: the four digits before the
// last four become stars, so 13800138000 reads 138****8000 and +8613800138000 reads
// +86138****8000. Enough to tell two numbers apart, or confirm one with the caller, not to dial.
import type { Phone, Role } from '../../../../../contract/index.js';
import type { PhoneMaskingPolicy } from '../../../../../contract/index.js';

export function maskPhoneText(s: string): string {
  const digitPositions: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i]! >= '0' && s[i]! <= '9') digitPositions.push(i);
  const n = digitPositions.length;
  // Short numbers (extensions, service codes) show nothing of themselves but their length.
  const hide = new Set(n <= 4 ? digitPositions : digitPositions.slice(Math.max(0, n - 8), n - 4));
  let out = '';
  for (let i = 0; i < s.length; i++) out += hide.has(i) ? '*' : s[i];
  return out;
}

export function maskPhone(p: Phone): Phone {
  return { ...p, e164: maskPhoneText(p.e164), raw: maskPhoneText(p.raw) };
}

export function masksPhonesFor(policy: PhoneMaskingPolicy, role: Role): boolean {
  return policy.maskedRoles.includes(role);
}
