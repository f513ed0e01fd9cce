import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { KeyType } from '../../shared/domain/key-types';
import type { Settings } from '../../shared/schemas/models';
import { CLIPBOARD_CLEAR_SECONDS, REFRESH_MARGIN_SECONDS, isWholeIn } from '../../shared/domain/limits';
import { api } from '../api';
import ErrorAlert from './ErrorAlert';
import KeyTypeSelect from './KeyTypeSelect';
import { useAction } from '../hooks/use-action';
import { useSettings } from '../hooks/settings-context';
import { TESTIDS } from '../testids';

// The ranges of SettingsSchema, from their zod-free home.
const CLIPBOARD = CLIPBOARD_CLEAR_SECONDS;
const MARGIN = REFRESH_MARGIN_SECONDS;
const inRange = isWholeIn;

/** The editable settings; starts from the values main holds and saves them back. */
export default function SettingsForm({ initial }: { initial: Settings }) {
  const { setSettings } = useSettings();
  const settings = initial;
  const [clipboard, setClipboard] = useState(String(settings.clipboardClearSeconds));
  const [margin, setMargin] = useState(String(settings.refreshMarginSeconds));
  const [keyType, setKeyType] = useState<KeyType>(settings.defaultKeyType);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSettings(
      await api.settingsUpdate({
        clipboardClearSeconds: Number(clipboard),
        refreshMarginSeconds: Number(margin),
        defaultKeyType: keyType,
      }),
    );
    setSaved(true);
  });
  const clipboardOk = inRange(Number(clipboard), CLIPBOARD);
  const marginOk = inRange(Number(margin), MARGIN);

  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 4, maxWidth: 640 }}>
      <Stack
        spacing={2.5}
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (clipboardOk && marginOk) void save.run();
        }}
        onChange={() => setSaved(false)}
      >
        <TextField
          label="Clear the clipboard after (seconds)"
          type="number"
          value={clipboard}
          onChange={(e) => setClipboard(e.target.value)}
          error={!clipboardOk}
          helperText={
            clipboardOk
              ? 'After you copy credentials, a password or a signed request, Anchorage clears the clipboard (if it still holds what was copied).'
              : `Between ${CLIPBOARD.min} and ${CLIPBOARD.max} seconds.`
          }
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.settingsClipboard, min: CLIPBOARD.min, max: CLIPBOARD.max },
          }}
        />
        <TextField
          label="Refresh credentials before expiry (seconds)"
          type="number"
          value={margin}
          onChange={(e) => setMargin(e.target.value)}
          error={!marginOk}
          helperText={
            marginOk
              ? 'A new session is fetched when the current one has less than this left.'
              : `Between ${MARGIN.min} and ${MARGIN.max} seconds.`
          }
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.settingsRefresh, min: MARGIN.min, max: MARGIN.max },
          }}
        />
        <KeyTypeSelect
          label="Default key type"
          value={keyType}
          onChange={setKeyType}
          testId={TESTIDS.settingsKeyType}
        />
        <ErrorAlert error={save.error} onClose={save.clearError} />
        {saved && (
          <Alert severity="success" data-testid={TESTIDS.settingsSaved}>
            Settings saved.
          </Alert>
        )}
        <div>
          <Button
            type="submit"
            variant="contained"
            // Not disabled while saving: a disabled button drops the focus to <body>; useAction ignores a
            // second submit while one is in flight.
            disabled={!clipboardOk || !marginOk}
            aria-busy={save.busy}
            data-testid={TESTIDS.settingsSave}
          >
            {save.busy ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
