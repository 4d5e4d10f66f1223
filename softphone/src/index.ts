/**
 * kefu softphone: the agent's SIP phone in the browser, around sip.js. Framework-free; the
 * console keeps its own reactive state by listening to the events.
 */
export { Softphone } from './softphone.js';
export type { SoftphoneEvents, SoftphoneDependencies, DialOptions, RejectOptions } from './softphone.js';
export { SipCredentials, SoftphoneConfig, parseSoftphoneConfig } from './config.js';
export type { SoftphoneConfigInput, IceServer } from './config.js';
export type { CallInfo, CallEnd, CallDirection, CallEndReason, HoldAction, ProvisionalResponse } from './call-info.js';
export { CALL_END_REASONS } from './call-info.js';
export type { PartyIdentity } from './call-identity.js';
export { CALL_STATES, CALL_EVENTS, callMachine, transitionCall, isMutable } from './call-state.js';
export type { CallState, CallEvent } from './call-state.js';
export { REGISTRATION_STATES, REGISTRATION_EVENTS, registrationMachine, transitionRegistration } from './registration-state.js';
export type { RegistrationState, RegistrationEvent } from './registration-state.js';
export { IllegalTransitionError } from './state-machine.js';
export { SoftphoneError, SOFTPHONE_ERROR_CODES } from './softphone-error.js';
export type { SoftphoneErrorCode } from './softphone-error.js';
export type { DtmfMethod, DtmfOptions } from './dtmf.js';
export type { SoftphoneLogger } from './logger.js';
export type { MediaEngine, AudioDevice, AudioDevices } from './media-engine.js';
export { WebMediaEngine } from './web-media-engine.js';
export type { WebMediaEngineOptions } from './web-media-engine.js';
export { WebAudioRingtone } from './ringtone.js';
export type { Ringtone, WebAudioRingtoneOptions } from './ringtone.js';
export type { TransportBinding, RetryReason } from './connection.js';
export type { BackoffPolicy } from './backoff.js';
export * from './monitoring/index.js';
export type { ConsultParty } from './consult-line.js';
