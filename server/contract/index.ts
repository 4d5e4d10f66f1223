export * from './domain.js';
export * from './errors.js';
export * from './auth.js';
export * from './customers.js';
export type * from './events.js';
