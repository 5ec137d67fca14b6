import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventsForRole, methods, methodsForRole } from '../../../shared/api';
import type { Bridge } from '../../../shared/api/bridge';
import type { Role } from '../../../shared/domain';
import { createBridge } from '../../../electron/preload/bridge';
import { electronModule, emitToRenderer, fake, resetFake } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronModule));

beforeEach(() => {
  resetFake();
});

const ROLES: Role[] = ['wall', 'operator', 'briefing'];

describe('preload bridge (STYLE.md #4)', () => {
  it.each(ROLES)('the %s bridge has exactly its role’s methods and events, and nothing generic', (role) => {
    const bridge = createBridge(role, electronModule.ipcRenderer as never);
    expect(bridge.role).toBe(role);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on', 'role']);
    expect(Object.keys(bridge.call).sort()).toEqual([...methodsForRole(role)].sort());
    expect(Object.keys(bridge.on).sort()).toEqual([...eventsForRole(role)].sort());
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.call) && Object.isFrozen(bridge.on)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('the wall reads and subscribes but never writes', () => {
    const wall = createBridge('wall', electronModule.ipcRenderer as never);
    const operatorOnly = Object.keys(methods).filter(
      (name) => !methods[name as keyof typeof methods].roles.includes('wall'),
    );
    expect(operatorOnly).toContain('wall:show');
    for (const name of operatorOnly) expect(wall.call).not.toHaveProperty(name);
  });

  it('a call invokes the channel of its method name and returns the envelope', async () => {
    const bridge = createBridge('operator', electronModule.ipcRenderer as never);
    await expect(bridge.call['appeals:get']!({ id: 5 })).resolves.toEqual({
      ok: true,
      result: { channel: 'appeals:get' },
    });
    expect(fake.invoked).toEqual([{ channel: 'appeals:get', arg: { id: 5 } }]);
  });

  it('a subscription hands over the payload only and can be undone', () => {
    const bridge = createBridge('wall', electronModule.ipcRenderer as never);
    const got: unknown[][] = [];
    const unsubscribe = bridge.on['wall:show']!((...args: unknown[]) => got.push(args));
    emitToRenderer('wall:show', { kind: 'appeal', id: '7', seconds: 20 });
    unsubscribe();
    emitToRenderer('wall:show', { kind: 'appeal', id: '8', seconds: 20 });
    expect(got).toEqual([[{ kind: 'appeal', id: '7', seconds: 20 }]]);
    expect(fake.rendererListeners.get('wall:show')?.size).toBe(0);
  });

  it.each(ROLES)('the %s preload exposes its bridge as window.cur', async (role) => {
    await import(`../../../electron/preload/${role}.ts`);
    const exposed = fake.exposed.get('cur') as Bridge;
    expect([...fake.exposed.keys()]).toEqual(['cur']);
    expect(exposed.role).toBe(role);
    expect(Object.keys(exposed.call).sort()).toEqual([...methodsForRole(role)].sort());
  });
});
