import { describe, expect, it } from 'vitest';
import { cliCommand, electronPlatform } from '../../../main/platform-electron';

describe('electron platform', () => {
  it('points credential_process at the shipped CLI, or at bin/anchorage.js in a checkout', () => {
    expect(
      cliCommand({ isPackaged: true, resourcesPath: '/opt/Anchorage/resources', appPath: '/x' }, 'linux'),
    ).toEqual(['/opt/Anchorage/resources/cli/anchorage']);
    expect(cliCommand({ isPackaged: true, resourcesPath: '/r', appPath: '/x' }, 'win32')[0]).toMatch(
      /anchorage\.cmd$/,
    );
    expect(cliCommand({ isPackaged: false, resourcesPath: '/r', appPath: '/repo' })).toEqual([
      '/repo/bin/anchorage.js',
    ]);
  });

  it('the save dialog opens in the default folder with the suggested name; cancel gives undefined', async () => {
    const asked: unknown[] = [];
    let cancel = false;
    const platform = electronPlatform({
      clipboard: { writeText: () => {}, readText: () => '', clear: () => {} },
      dialog: {
        showSaveDialog: (async (...args: unknown[]) => {
          asked.push(args.at(-1));
          return cancel
            ? { canceled: true, filePath: '' }
            : { canceled: false, filePath: '/home/u/Downloads/client.pfx' };
        }) as never,
      },
      window: () => undefined,
      Notification: class {
        show() {}
      },
      openExternal: () => {},
      defaultDirectory: '/home/u/Downloads',
      isPackaged: false,
      resourcesPath: '/r',
      appPath: '/repo',
    });
    await expect(platform.chooseSavePath('client.pfx')).resolves.toBe('/home/u/Downloads/client.pfx');
    expect(asked[0]).toMatchObject({ defaultPath: '/home/u/Downloads/client.pfx' });
    cancel = true;
    await expect(platform.chooseSavePath('client.pfx')).resolves.toBeUndefined();
  });
});
