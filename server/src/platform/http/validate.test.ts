import { describe, expect, it } from 'vitest';
import { CustomerCreate, CustomerListQuery, LoginRequest } from '../../../../contract/index.js';
import { DomainError } from '../domain-error.js';
import { parseInput } from './validate.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('VALIDATION');
    return ((err as DomainError).fields ?? []).map((f) => f.field);
  }
  throw new Error('expected a validation error');
}

describe('parseInput', () => {
  it('names every bad field, unknown ones included', () => {
    const fields = fieldsOf(() =>
      parseInput(CustomerCreate, { name: '', email: 'not-an-email', tags: 'vip', valueTier: 'platinum', shoeSize: 42 }),
    );
    expect(fields.sort()).toEqual(['email', 'name', 'shoeSize', 'tags', 'valueTier']);
  });

  it('refuses over-long strings', () => {
    expect(fieldsOf(() => parseInput(LoginRequest, { username: 'u'.repeat(65), password: 'x' }))).toEqual(['username']);
  });

  it('says "body" when the body is not an object', () => {
    expect(fieldsOf(() => parseInput(LoginRequest, undefined))).toEqual(['body']);
    expect(fieldsOf(() => parseInput(LoginRequest, [1, 2]))).toEqual(['body']);
  });

  it('prefixes query fields', () => {
    expect(fieldsOf(() => parseInput(CustomerListQuery, { limit: '0', phone: '1' }, 'query'))).toEqual(['query.limit']);
    expect(fieldsOf(() => parseInput(CustomerListQuery, {}, 'query'))).toEqual(['query.phone']);
  });

  it('returns the parsed value with defaults applied', () => {
    expect(parseInput(CustomerCreate, { name: ' 张伟 ' })).toMatchObject({ name: '张伟', phones: [], tags: [], valueTier: 'standard' });
  });
});
