import { describe, expect, it } from 'vitest';
import { stateMoves } from './state-moves.js';

describe('the state changes the desk offers', () => {
  it('offers only Not ready to a Ready agent: the state shows it is already Ready', () => {
    expect(stateMoves('ready')).toEqual({ ready: false, notReady: true });
  });

  it('offers Ready (and another reason) to a Not ready or logged-out agent', () => {
    expect(stateMoves('not_ready')).toEqual({ ready: true, notReady: true });
    expect(stateMoves('logged_out')).toEqual({ ready: true, notReady: true });
  });

  it('offers nothing while a call rings or is up', () => {
    expect(stateMoves('ringing')).toEqual({ ready: false, notReady: false });
    expect(stateMoves('on_call')).toEqual({ ready: false, notReady: false });
  });

  it('offers both in wrap-up, where they finish it', () => {
    expect(stateMoves('wrap_up')).toEqual({ ready: true, notReady: true });
  });
});
