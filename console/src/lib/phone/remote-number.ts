import type { CallInfo } from '@kefu/softphone';

/** The caller id of a softphone call: the number (user part) or, failing that, the URI. */
export function remoteNumber(call: Pick<CallInfo, 'remote'>): string {
  return call.remote.user ?? call.remote.uri.replace(/^sips?:/i, '');
}
