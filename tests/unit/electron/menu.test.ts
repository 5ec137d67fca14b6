import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../electron/main/menu';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

describe('application menu', () => {
  it('is in Russian and opens operator and briefing windows', () => {
    const actions = { openOperator: vi.fn(), openBriefing: vi.fn() };
    const items = flatten(menuTemplate(actions, { isPackaged: true }));
    const labels = items.filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
    expect(labels.slice(0, 1)).toEqual(['Файл']);
    for (const label of labels) expect(label).toMatch(/^[А-ЯЁа-яё .]+$/);
    items.find((i) => i.label === 'Новое окно оператора')!.click!({} as never, undefined, {} as never);
    items.find((i) => i.label === 'Брифинг')!.click!({} as never, undefined, {} as never);
    expect(actions.openOperator).toHaveBeenCalledOnce();
    expect(actions.openBriefing).toHaveBeenCalledOnce();
  });

  it('offers developer tools only in an unpackaged build', () => {
    const actions = { openOperator: () => {}, openBriefing: () => {} };
    expect(flatten(menuTemplate(actions, { isPackaged: true })).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(menuTemplate(actions, { isPackaged: false })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
