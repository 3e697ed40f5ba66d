import { describe, expect, it } from 'vitest';
import { typedText } from './service';

describe('typedText', () => {
  it('takes the last word as being typed', () => {
    expect(typedText('refund charg')).toEqual({ websearch: 'refund charg', last: 'charg' });
    expect(typedText('refund or Charg')).toEqual({ websearch: 'refund or Charg', last: 'charg' });
    expect(typedText('  Über ')).toEqual({ websearch: 'Über', last: 'über' });
  });

  it('leaves phrases, negations and a trailing "or" to websearch_to_tsquery', () => {
    expect(typedText('"late delivery"')).toEqual({ websearch: '"late delivery"', last: null });
    expect(typedText('"late deliv')).toEqual({ websearch: '"late deliv', last: null });
    expect(typedText('refund -angry')).toEqual({ websearch: 'refund -angry', last: null });
    expect(typedText('refund or')).toEqual({ websearch: 'refund or', last: null });
  });

  it('finds nothing to search in punctuation', () => {
    for (const q of ['', '   ', '!!!', '"-"', '&|:*()']) expect(typedText(q)).toBeNull();
  });
});
