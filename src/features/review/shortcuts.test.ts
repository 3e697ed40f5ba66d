import { describe, expect, it } from 'vitest';
import { shortcutFor, type ShortcutKeyEvent } from './shortcuts';

function press(
  key: string,
  target: EventTarget | null = document.body,
  extra: Partial<ShortcutKeyEvent> = {},
) {
  return shortcutFor({ key, altKey: false, ctrlKey: false, metaKey: false, target, ...extra });
}

function element(html: string, selector = '*'): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.querySelector(selector)!;
}

describe('shortcutFor', () => {
  it('maps the player keys', () => {
    expect(press(' ')).toEqual({ type: 'toggle-play' });
    expect(press('k')).toEqual({ type: 'toggle-play' });
    expect(press('K')).toEqual({ type: 'toggle-play' });
    expect(press('j')).toEqual({ type: 'seek-by', seconds: -10 });
    expect(press('l')).toEqual({ type: 'seek-by', seconds: 10 });
    expect(press('ArrowLeft')).toEqual({ type: 'seek-by', seconds: -5 });
    expect(press('ArrowRight')).toEqual({ type: 'seek-by', seconds: 5 });
    expect(press('?')).toEqual({ type: 'toggle-help' });
    expect(press('x')).toBeNull();
  });

  it('never fires while the user is typing', () => {
    for (const html of [
      '<input type="text">',
      '<input>',
      '<input type="search">',
      '<textarea></textarea>',
      '<select><option>a</option></select>',
      '<div contenteditable="true"></div>',
      '<div role="textbox"></div>',
    ]) {
      const target = element(html);
      for (const key of [' ', 'k', 'j', 'l', 'ArrowLeft', '?'])
        expect(press(key, target), `${key} in ${html}`).toBeNull();
    }
    expect(press('k', element('<div contenteditable="true"><b>bold</b></div>', 'b'))).toBeNull();
  });

  it('leaves keys with modifiers to the browser', () => {
    expect(press('l', document.body, { ctrlKey: true })).toBeNull();
    expect(press('k', document.body, { metaKey: true })).toBeNull();
    expect(press('ArrowLeft', document.body, { altKey: true })).toBeNull();
    expect(press('k', document.body, { defaultPrevented: true })).toBeNull();
  });

  it('lets focused buttons take Space, and sliders and menus take the arrows, so nothing fires twice', () => {
    const button = element('<button>Play</button>');
    expect(press(' ', button)).toBeNull();
    expect(press('k', button)).toEqual({ type: 'toggle-play' });
    expect(press('ArrowRight', button)).toEqual({ type: 'seek-by', seconds: 5 });

    const seekBar = element('<div role="slider" tabindex="0"></div>');
    expect(press('ArrowRight', seekBar)).toBeNull();
    expect(press('ArrowLeft', seekBar)).toBeNull();
    expect(press('l', seekBar)).toEqual({ type: 'seek-by', seconds: 10 });

    expect(
      press('ArrowLeft', element('<ul role="menu"><li role="menuitemradio">1x</li></ul>', 'li')),
    ).toBeNull();
    expect(press('k', element('<input type="checkbox">'))).toEqual({ type: 'toggle-play' });
  });
});
