import { useEffect, useRef } from 'react';

interface Actions {
  next(): void;
  prev(): void;
  first(): void;
  last(): void;
  fullscreen(): void;
}

/** Keyboard and presentation clickers (which send PageUp/PageDown, sometimes arrows or B/period). */
export function usePresenterKeys(actions: Actions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      const a = ref.current;
      const map: Record<string, (() => void) | undefined> = {
        ArrowRight: a.next,
        ArrowDown: a.next,
        PageDown: a.next,
        ' ': a.next,
        ArrowLeft: a.prev,
        ArrowUp: a.prev,
        PageUp: a.prev,
        Home: a.first,
        End: a.last,
        f: a.fullscreen,
        F: a.fullscreen,
      };
      const action = map[e.key];
      if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
