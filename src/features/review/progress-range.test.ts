import { describe, expect, it } from 'vitest';
import { renderProgressRange } from './progress-markers';

describe('renderProgressRange', () => {
  it('highlights the marked span of the seek bar, and removes it when cleared', () => {
    const host = document.createElement('div');
    renderProgressRange(host, { start: 2, end: 7 }, 20);
    const span = host.querySelector<HTMLElement>('.tapeline-range')!;
    expect(span.style.left).toBe('10%');
    expect(span.style.width).toBe('25%');
    renderProgressRange(host, null, 20);
    expect(host.querySelector('.tapeline-range')).toBeNull();
  });
});
