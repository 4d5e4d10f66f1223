import { isDialToken } from '@kefu/contract';
import type { CallInfo } from '@kefu/softphone';

/**
 * The caller id of a softphone call: the number (user part) or, failing that, the URI. Empty
 * for a dial token (a number dialled unseen): the server's view of the call names it, masked.
 */
export function remoteNumber(call: Pick<CallInfo, 'remote'>): string {
  if (isDialToken(call.remote.user)) return '';
  return call.remote.user ?? call.remote.uri.replace(/^sips?:/i, '');
}
