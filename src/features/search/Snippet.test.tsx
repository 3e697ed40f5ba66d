import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Snippet } from './Snippet';
import { hitHref, searchQueryString, toggledParam } from './search-params';

describe('Snippet', () => {
  it('marks the matched words and shows the rest as text, markup included', () => {
    const { container } = render(
      <p>
        <Snippet html="a &lt;b&gt;bold&lt;/b&gt; <mark>refund</mark> &amp; <mark>chargeback</mark>" />
      </p>,
    );
    expect(container.textContent).toBe('a <b>bold</b> refund & chargeback');
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual([
      'refund',
      'chargeback',
    ]);
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('refund').tagName).toBe('MARK');
  });
});

describe('search parameters', () => {
  it('keeps only the search in a fixed order, without empty values', () => {
    const params = new URLSearchParams('tag=&sort=oldest&x=1&agent=b&q=refund&agent=a');
    expect(searchQueryString(params)).toBe('q=refund&agent=b&agent=a&sort=oldest');
  });

  it('toggles a value of a repeatable parameter', () => {
    const once = toggledParam(new URLSearchParams('agent=a'), 'agent', 'b');
    expect(once.getAll('agent')).toEqual(['a', 'b']);
    expect(toggledParam(once, 'agent', 'a').getAll('agent')).toEqual(['b']);
  });

  it('opens a hit at its first annotated moment', () => {
    const hit = { id: '7', objectId: '3', matches: [{}, { at: 12.34 }, { at: 50 }] };
    expect(hitHref(hit)).toBe('/objects/3/recordings/7?t=12.3');
    expect(hitHref({ ...hit, matches: [] })).toBe('/objects/3/recordings/7');
  });
});
