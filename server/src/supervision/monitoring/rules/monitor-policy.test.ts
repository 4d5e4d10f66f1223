import { describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING_POLICY, allowedModes } from './monitor-policy.js';

describe('who may monitor in which mode', () => {
  it('lets admins use every mode, even when supervisors are narrowed to listening', () => {
    expect(allowedModes('admin', { ...DEFAULT_MONITORING_POLICY, supervisorModes: ['listen'] })).toEqual(['listen', 'whisper', 'barge']);
  });

  it("gives supervisors the site's modes, in the one order", () => {
    expect(allowedModes('supervisor', DEFAULT_MONITORING_POLICY)).toEqual(['listen', 'whisper', 'barge']);
    expect(allowedModes('supervisor', { ...DEFAULT_MONITORING_POLICY, supervisorModes: ['barge', 'listen'] })).toEqual(['listen', 'barge']);
  });

  it('gives agents no mode at all', () => {
    expect(allowedModes('agent', DEFAULT_MONITORING_POLICY)).toEqual([]);
  });
});
