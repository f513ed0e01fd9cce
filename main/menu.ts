import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Mostly roles: on macOS, copy and paste in text fields only work when the Edit menu
 * provides them. Developer tools only when the app is not packaged.
 */
export interface MenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  openExternal: (url: string) => void;
}

const DOCS_URL = 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html';

/** The menu template; main/index.ts builds it with `Menu.buildFromTemplate`. */
export function menuTemplate({
  platform,
  isPackaged,
  openExternal,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'IAM Roles Anywhere User Guide', click: () => openExternal(DOCS_URL) }],
    },
  ];
}
