import { describe, expect, it } from 'vitest';
import { countOf } from '../../../electron/common/domain/english-plural';

describe('countOf', () => {
  it('agrees the noun with the count', () => {
    expect(countOf(1, 'token')).toBe('1 token');
    expect(countOf(0, 'token')).toBe('0 tokens');
    expect(countOf(3, 'exception day')).toBe('3 exception days');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
  });
});
