import { describe, expect, it } from 'vitest';
import { textQuery } from './service';

describe('textQuery', () => {
  it('matches the last word being typed as a prefix', () => {
    expect(textQuery('refund charg')).toEqual({ websearch: 'refund ', prefix: 'charg:*' });
    expect(textQuery('  Über ')).toEqual({ websearch: '', prefix: 'über:*' });
  });

  it('leaves phrases, negations and "or" to websearch_to_tsquery', () => {
    expect(textQuery('"late delivery"')).toEqual({ websearch: '"late delivery"', prefix: null });
    expect(textQuery('"late deliv')).toEqual({ websearch: '"late deliv', prefix: null });
    expect(textQuery('refund -angry')).toEqual({ websearch: 'refund -angry', prefix: null });
    expect(textQuery('refund or')).toEqual({ websearch: 'refund or', prefix: null });
  });

  it('finds nothing to search in punctuation', () => {
    for (const q of ['', '   ', '!!!', '"-"', '&|:*()']) expect(textQuery(q)).toBeNull();
  });
});
