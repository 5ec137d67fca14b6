import { useEffect } from 'react';
import { VIEW_FILTERS, VIEW_ORDER } from '../filters/Sidebar';
import { useUi } from '../store';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Keyboard-first: everything frequent has a key; the help overlay (?) lists them. */
export function useShortcuts(options: { focusSearch: () => void; escalate: () => void; wall: () => void; writable: boolean }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUi.getState();
      if (e.key === 'Escape') {
        if (ui.help) ui.toggleHelp(false);
        else if (ui.dialog) ui.openDialog(null);
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const writable = options.writable && ui.selectedId !== null;
      switch (e.key) {
        case 'ArrowDown':
        case 'j':
          ui.move(ui.cursor < 0 ? 1 : 1);
          break;
        case 'ArrowUp':
        case 'k':
          ui.move(-1);
          break;
        case 'Home':
          ui.setCursor(0);
          break;
        case 'Enter':
          if (ui.cursor < 0) ui.setCursor(0);
          break;
        case '/':
          options.focusSearch();
          break;
        case '?':
          ui.toggleHelp();
          break;
        case 'a':
          if (writable) ui.openDialog('assign');
          break;
        case 's':
          if (writable) ui.openDialog('status');
          break;
        case 'r':
          if (writable) ui.openDialog('answer');
          break;
        case 'd':
          if (writable) ui.openDialog('duplicate');
          break;
        case 'e':
          if (writable) options.escalate();
          break;
        case 'w':
          if (writable) options.wall();
          break;
        default: {
          const n = Number(e.key);
          const view = Number.isInteger(n) && n >= 1 ? VIEW_ORDER[n - 1] : undefined;
          if (!view) return;
          ui.replaceFilter(VIEW_FILTERS[view], undefined, view);
        }
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [options]);
}
