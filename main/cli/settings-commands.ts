import type { Command } from 'commander';
import { Option } from 'commander';
import { CLIPBOARD_CLEAR_SECONDS, REFRESH_MARGIN_SECONDS } from '../../shared/domain/limits';
import { AnchorageError } from '../../shared/errors';
import { KEY_TYPES } from '../../shared/domain/key-types';
import type { KeyType } from '../../shared/domain/key-types';
import type { Settings } from '../../shared/schemas/models';
import { fields } from './format';
import { action } from './run';

function wholeNumber(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `${name} must be a whole number of seconds (got "${value}").`,
        'See anchorage settings --help for the ranges.',
      );
    }
    return Number(value);
  };
}

/** `settings`: show or change the preferences the app's Settings page also edits (settings.json). */
export function registerSettingsCommands(program: Command): void {
  program
    .command('settings')
    .description('show or change preferences (shared with the app)')
    .option(
      '--refresh-margin <seconds>',
      `reuse cached sessions until fewer than this many seconds remain (${REFRESH_MARGIN_SECONDS.min}–${REFRESH_MARGIN_SECONDS.max})`,
      wholeNumber('--refresh-margin'),
    )
    .option(
      '--clipboard-clear <seconds>',
      `the app clears copied secrets after this many seconds (${CLIPBOARD_CLEAR_SECONDS.min}–${CLIPBOARD_CLEAR_SECONDS.max})`,
      wholeNumber('--clipboard-clear'),
    )
    .addOption(new Option('--default-key-type <type>', 'key type the app proposes').choices(KEY_TYPES))
    .action(
      action(
        async (core, o) => {
          const patch: Partial<Settings> = {
            ...(o.refreshMargin !== undefined ? { refreshMarginSeconds: o.refreshMargin as number } : {}),
            ...(o.clipboardClear !== undefined ? { clipboardClearSeconds: o.clipboardClear as number } : {}),
            ...(o.defaultKeyType ? { defaultKeyType: o.defaultKeyType as KeyType } : {}),
          };
          return Object.keys(patch).length ? core.updateSettings(patch) : core.getSettings();
        },
        (s) =>
          fields([
            ['Session refresh margin', `${s.refreshMarginSeconds} s`],
            ['Clipboard cleared after', `${s.clipboardClearSeconds} s`],
            ['Default key type', s.defaultKeyType],
          ]),
      ),
    );
}
