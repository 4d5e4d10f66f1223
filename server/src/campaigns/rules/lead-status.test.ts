import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES } from '../../../../contract/index.js';
import { IllegalLeadTransition, LEAD_TRANSITIONS, statusAfter, transitionLead } from './lead-status.js';

describe('lead status', () => {
  it('runs new → contacted → interested → converted', () => {
    expect(statusAfter('new', 'callback')).toBe('contacted');
    expect(statusAfter('contacted', 'interested')).toBe('interested');
    expect(statusAfter('interested', 'sale')).toBe('converted');
  });

  it('ends as lost on a refusal, a wrong number or a do-not-call request', () => {
    for (const o of ['not_interested', 'wrong_number', 'dnc_request'] as const) expect(statusAfter('contacted', o)).toBe('lost');
  });

  it('stays where it is when nobody was reached, and never moves backwards', () => {
    for (const o of ['no_answer', 'busy', 'voicemail', 'abandoned'] as const) expect(statusAfter('interested', o)).toBe('interested');
    expect(statusAfter('interested', 'callback')).toBe('interested');
  });

  it('never leaves a final status', () => {
    expect(statusAfter('converted', 'not_interested')).toBe('converted');
    expect(statusAfter('lost', 'sale')).toBe('lost');
  });

  it('refuses every move the table does not list', () => {
    for (const from of LEAD_STATUSES) {
      for (const to of LEAD_STATUSES) {
        if (from === to || LEAD_TRANSITIONS[from].includes(to)) expect(transitionLead(from, to)).toBe(to);
        else expect(() => transitionLead(from, to)).toThrow(IllegalLeadTransition);
      }
    }
    expect(() => transitionLead('interested', 'contacted')).toThrow(IllegalLeadTransition);
  });
});
