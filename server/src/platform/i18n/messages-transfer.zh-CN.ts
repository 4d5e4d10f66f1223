// Transfers of a call to another agent or a queue, in Simplified Chinese (keys as in
// messages-transfer.en.ts).
import type { TRANSFER_MESSAGES_EN } from './messages-transfer.en.js';

export const TRANSFER_MESSAGES_ZH_CN: Readonly<Record<keyof typeof TRANSFER_MESSAGES_EN, string>> = {
  'transfer.noCall': '您当前没有可转接的通话。',
  'transfer.unknownTarget': '找不到名为“{to}”的坐席、分机或队列。',
  'transfer.ambiguousTarget': '“{to}”对应多个坐席，请使用分机号。',
  'transfer.toSelf': '不能把通话转接给自己。',
  'transfer.targetNotFree': '{name} 当前不是就绪状态，无法接听。',
  'transfer.notPossible': '此通话现在无法转接，请稍后再试。',
  'consult.already': '您已在就此通话咨询同事，请先完成或取消该咨询。',
  'consult.none': '您当前没有就此通话咨询任何人。',
  'consult.notAnswered': '{name} 尚未接听咨询通话。',
  'consult.queueBusy': '{queue} 中没有就绪的坐席可供咨询。',
};
