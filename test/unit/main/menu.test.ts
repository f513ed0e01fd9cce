import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../main/menu';

const roles = (items: ReturnType<typeof menuTemplate>): string[] =>
  items
    .flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])])
    .filter(Boolean);

describe('application menu', () => {
  it('has an Edit menu (copy/paste in fields), and developer tools only when not packaged', () => {
    const packaged = menuTemplate({ platform: 'linux', isPackaged: true, openExternal: () => {} });
    expect(roles(packaged)).toContain('editMenu');
    expect(roles(packaged)).toContain('quit');
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ platform: 'linux', isPackaged: false, openExternal: () => {} }))).toContain(
      'toggleDevTools',
    );
  });

  it('has the app menu on macOS, and the help item opens the user guide', () => {
    const opened: string[] = [];
    const mac = menuTemplate({ platform: 'darwin', isPackaged: true, openExternal: (u) => opened.push(u) });
    expect(mac[0]!.role).toBe('appMenu');
    const help = mac.find((m) => m.role === 'help')!;
    const item = (help.submenu as Array<{ click?: () => void }>)[0]!;
    item.click!();
    expect(opened[0]).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/rolesanywhere\//);
  });
});
