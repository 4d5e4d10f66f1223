// 简体中文: call recordings. Same keys as recordings.en.ts.
import type { recordingsEn } from './recordings.en.js';

export const recordingsZh: { readonly [K in keyof typeof recordingsEn]: string } = {
  'recording.title': '通话录音',
  'recording.state.available': '未录音',
  'recording.state.recording': '正在录音',
  'recording.state.paused': '录音已暂停',
  'recording.state.failed': '录音失败：本通话未录音',
  'recording.start': '开始录音',
  'recording.pause': '暂停录音',
  'recording.resume': '恢复录音',
  'recording.pausedHint': '现在不录音：客户可以报出卡号。',
  'shortcuts.recording': '开始、暂停或恢复通话录音',

  'queues.recording': '通话录音',
  'queues.recordingHint': '适用于经媒体服务的电话线路来电。',
  'queues.recordingPolicy.all': '录制所有通话',
  'queues.recordingPolicy.none': '不录音',
  'queues.recordingPolicy.on_demand': '由坐席手动开始录音',

  'history.recording': '录音',
  'history.recordingPlayer': '{when} 通话的录音',
  'history.recordingState.recording': '正在录音',
  'history.recordingState.failed': '录音失败：{reason}',
  'history.recordingPaused': '为报卡号暂停 {count} 次',
};
