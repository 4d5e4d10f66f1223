// Call recordings, in Simplified Chinese (keys as in messages-recordings.en.ts).
import type { RECORDING_MESSAGES_EN } from './messages-recordings.en.js';

export const RECORDING_MESSAGES_ZH_CN: Readonly<Record<keyof typeof RECORDING_MESSAGES_EN, string>> = {
  'recording.noCall': '该通话不在您的工作台上，或无法录音。',
  'recording.notAllowed': '此通话所在队列不录音。',
  'recording.alreadyStarted': '此通话已在录音。',
  'recording.notRunning': '录音未在进行，无法暂停。',
  'recording.notPaused': '录音未暂停。',
  'recording.mediaFailed': '媒体服务未能录制此通话；通话继续进行。',
  'recording.notReady': '此录音尚不可播放。',
  'recording.fileMissing': '录音文件缺失或已损坏。',
};
