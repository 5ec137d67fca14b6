import { describe, expect, it } from 'vitest';
import { chooseWallDisplay, clampToDisplays } from '../../../electron/main/displays';
import { display } from './fake-electron';

const laptop = display(1, 0, 0, 1920, 1080);
const wall4k = display(2, 1920, 0, 3840, 2160);
const sideHd = display(3, -1920, 0, 1920, 1080);

describe('chooseWallDisplay', () => {
  it('takes the display chosen in settings when it is connected', () => {
    expect(chooseWallDisplay([laptop, wall4k, sideHd], 1, { wallDisplayId: 3 }).id).toBe(3);
  });

  it('falls back to the largest secondary display when the chosen one is gone', () => {
    expect(chooseWallDisplay([laptop, sideHd, wall4k], 1, { wallDisplayId: 99 }).id).toBe(2);
    expect(chooseWallDisplay([laptop, sideHd, wall4k], 1, {}).id).toBe(2);
  });

  it('uses the primary display when it is the only one', () => {
    expect(chooseWallDisplay([laptop], 1, {}).id).toBe(1);
  });

  it('never picks the primary while a secondary exists, even a smaller one', () => {
    const bigPrimary = display(5, 0, 0, 5120, 2880);
    expect(chooseWallDisplay([bigPrimary, sideHd], 5, {}).id).toBe(3);
  });

  it('refuses to choose among no displays', () => {
    expect(() => chooseWallDisplay([], 1, {})).toThrow(/No display/);
  });
});

describe('clampToDisplays', () => {
  const size = { width: 1400, height: 900 };

  it('keeps a window that is fully visible where it was', () => {
    expect(clampToDisplays({ x: 100, y: 50, width: 1200, height: 800 }, [laptop, wall4k], 1, size)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
    });
  });

  it('centres the default size on the primary display when nothing was saved', () => {
    expect(clampToDisplays(undefined, [laptop], 1, size)).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('moves a window left on an unplugged monitor back onto the primary display', () => {
    const onGoneMonitor = { x: 5000, y: 100, width: 1200, height: 800 };
    expect(clampToDisplays(onGoneMonitor, [laptop], 1, size)).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('pulls a window hanging off the edge fully onto its display and shrinks it to the work area', () => {
    const b = clampToDisplays({ x: 1500, y: -200, width: 2400, height: 1400 }, [laptop], 1, size);
    expect(b).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('restores onto the display the window overlaps most', () => {
    const b = clampToDisplays({ x: 1800, y: 100, width: 1000, height: 700 }, [laptop, wall4k], 1, size);
    expect(b).toEqual({ x: 1920, y: 100, width: 1000, height: 700 });
  });
});
