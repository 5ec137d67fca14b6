import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openOperator(): void;
  openBriefing(): void;
}

/**
 * The application menu, in Russian; developer tools only in an unpackaged build. No accelerators of
 * its own: the operator window is keyboard-driven and owns its shortcuts.
 */
export function menuTemplate(actions: MenuActions, options: { isPackaged: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Обновить', role: 'reload' },
    { type: 'separator' },
    { label: 'Фактический размер', role: 'resetZoom' },
    { label: 'Увеличить', role: 'zoomIn' },
    { label: 'Уменьшить', role: 'zoomOut' },
    { type: 'separator' },
    { label: 'Полный экран', role: 'togglefullscreen' },
  ];
  if (!options.isPackaged)
    view.push({ type: 'separator' }, { label: 'Инструменты разработчика', role: 'toggleDevTools' });
  return [
    {
      label: 'Файл',
      submenu: [
        { label: 'Новое окно оператора', click: () => actions.openOperator() },
        { label: 'Брифинг', click: () => actions.openBriefing() },
        { type: 'separator' },
        { label: 'Выход', role: 'quit' },
      ],
    },
    {
      label: 'Правка',
      submenu: [
        { label: 'Отменить', role: 'undo' },
        { label: 'Повторить', role: 'redo' },
        { type: 'separator' },
        { label: 'Вырезать', role: 'cut' },
        { label: 'Копировать', role: 'copy' },
        { label: 'Вставить', role: 'paste' },
        { label: 'Выделить всё', role: 'selectAll' },
      ],
    },
    { label: 'Вид', submenu: view },
    {
      label: 'Окно',
      submenu: [
        { label: 'Свернуть', role: 'minimize' },
        { label: 'Закрыть', role: 'close' },
      ],
    },
  ];
}
