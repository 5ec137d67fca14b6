import { create } from 'zustand';
import type { WallShow } from '../../../shared/api/wall';
import { advance } from './scenes/playlist.pure';

/** UI state of the wall only (which scene, what an operator pushed); server data never lives here. */
interface WallUiState {
  sceneIndex: number;
  cycle: number;
  /** Bumped on every scene start so a scene repeated by a one-scene playlist still restarts. */
  sceneSerial: number;
  show: (WallShow & { until: number; serial: number }) | null;
  next(length: number): void;
  startShow(show: WallShow, now: number): void;
  endShow(serial: number): void;
}

export const useWallUi = create<WallUiState>()((set) => ({
  sceneIndex: 0,
  cycle: 0,
  sceneSerial: 0,
  show: null,
  next: (length) =>
    set((s) => {
      const { index, cycle } = advance(s.sceneIndex, s.cycle, length);
      return { sceneIndex: index, cycle, sceneSerial: s.sceneSerial + 1 };
    }),
  startShow: (show, now) =>
    set((s) => ({ show: { ...show, until: now + show.seconds * 1000, serial: (s.show?.serial ?? 0) + 1 } })),
  endShow: (serial) => set((s) => (s.show?.serial === serial ? { show: null, sceneSerial: s.sceneSerial + 1 } : {})),
}));
