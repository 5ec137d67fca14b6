import type { EventBus, Registry } from '../rpc';
import { loadWallConfig } from './config';
import type { WallQueries } from './summary';

/**
 * The wall's part of the contract. Settings are read from `<dataDir>/wall.json` on every call, so
 * an edited file takes effect on the wall's next reload without restarting the core.
 */
export function registerWall(registry: Registry, bus: EventBus, wall: WallQueries, dataDir: string, timeZone: string): void {
  const config = () => loadWallConfig(dataDir, timeZone);
  registry.register({
    'wall:summary': () => {
      const windowHours = config().windowHours;
      return wall.snapshot(() => ({ ...wall.summary(Date.now(), windowHours), lastAppealId: wall.lastAppealId() }));
    },
    'wall:recent': (arg) => wall.recent(arg.sinceMs, arg.limit),
    'wall:config': () => config(),
    'wall:hexes': (arg) =>
      wall.hexes({ resolution: arg.resolution, sectorId: arg.sectorId, bbox: arg.bbox, windowHours: config().windowHours }),
    'wall:appeal': (arg) => wall.appeal(arg.id),
    'wall:show': (arg) => {
      bus.emit('wall:show', arg);
      return { ok: true as const };
    },
  });
}
