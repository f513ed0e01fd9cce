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

/** The platform over recording fakes of Electron's clipboard and Notification. */
function recorded(onNotificationClick?: () => void) {
  const calls: string[] = [];
  const shown: Array<{ title: string; body: string; listeners: Record<string, () => void> }> = [];
  class FakeNotification {
    private readonly entry: (typeof shown)[number];
    constructor(options: { title?: string; body?: string }) {
      this.entry = { title: options.title ?? '', body: options.body ?? '', listeners: {} };
    }
    on(event: string, listener: () => void) {
      this.entry.listeners[event] = listener;
      return this;
    }
    show() {
      shown.push(this.entry);
    }
  }
  let text = '';
  const platform = electronPlatform({
    clipboard: {
      writeText: (t: string) => {
        calls.push(`writeText:${t}`);
        text = t;
      },
      readText: () => text,
      clear: () => {
        calls.push('clear');
        text = '';
      },
      // Present on Electron's clipboard; the platform must never call it after the text (it would replace it).
      writeBuffer: (format: string) => calls.push(`writeBuffer:${format}`),
    } as never,
    dialog: { showSaveDialog: (async () => ({ canceled: true, filePath: '' })) as never },
    window: () => undefined,
    Notification: FakeNotification,
    ...(onNotificationClick ? { onNotificationClick } : {}),
    openExternal: () => {},
    defaultDirectory: '/d',
    isPackaged: true,
    resourcesPath: '/r',
    appPath: '/a',
  });
  return { platform, calls, shown, read: () => text };
}

describe('electron platform: clipboard and notifications', () => {
  it('writes the text in one clipboard call; a marker written after it would erase it in Electron 41', () => {
    const { platform, calls, read } = recorded();
    platform.clipboard.writeText('export AWS_SESSION_TOKEN=x', [
      { format: 'x-kde-passwordManagerHint', data: 'secret' },
    ]);
    expect(calls).toEqual(['writeText:export AWS_SESSION_TOKEN=x']);
    expect(platform.clipboard.readText()).toBe('export AWS_SESSION_TOKEN=x');
    platform.clipboard.clear();
    expect(read()).toBe('');
  });

  it('shows a notification with the title and body; a click brings the window up', () => {
    let opened = 0;
    const { platform, shown } = recorded(() => opened++);
    platform.notify({ title: '“root” expires in 7 days', body: 'Open Certificates and choose Renew.' });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      title: '“root” expires in 7 days',
      body: 'Open Certificates and choose Renew.',
    });
    shown[0]!.listeners.click!();
    expect(opened).toBe(1);
  });

  it('without a click handler, no listener is attached', () => {
    const { platform, shown } = recorded();
    platform.notify({ title: 't', body: 'b' });
    expect(shown[0]!.listeners).toEqual({});
  });
});
