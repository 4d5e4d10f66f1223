export * from './domain.js';
export * from './errors.js';
export * from './auth.js';
export * from './customers.js';
export * from './cases.js';
export * from './settings.js';
export * from './permissions.js';
export * from './telephony.js';
export type * from './events.js';
