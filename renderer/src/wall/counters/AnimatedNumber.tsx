import { useLayoutEffect, useRef } from 'react';
import { formatNumber } from '../../i18n/format';

const DURATION_MS = 500;
const STEP_MS = 100;

/**
 * A number that rolls to its new value. The frames write the text node directly (no React render per
 * frame) and `data-value` carries the target at once, for tests and watchdogs.
 */
export function AnimatedNumber({ value, testId, className }: { value: number; testId?: string; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef(value);
  // A layout effect: the old number is back in place before the browser paints React's new text.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const from = shown.current;
    if (from === value) {
      el.textContent = formatNumber(value);
      return;
    }
    const start = performance.now();
    let frame = 0;
    let written = el.textContent;
    let writtenAt = 0;
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / DURATION_MS);
      const eased = 1 - (1 - t) ** 3;
      shown.current = t >= 1 ? value : Math.round(from + (value - from) * eased);
      // Text changes only when the number does, and at most STEP_MS apart (the last one always):
      // every changed frame is repainted and recomposited, in software, across the wall.
      const text = formatNumber(shown.current);
      if (text !== written && (t >= 1 || now - writtenAt >= STEP_MS)) {
        el.textContent = written = text;
        writtenAt = now;
      }
      if (t < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
      shown.current = value;
    };
  }, [value]);
  return (
    <span ref={ref} className={className} data-testid={testId} data-value={value}>
      {formatNumber(value)}
    </span>
  );
}
