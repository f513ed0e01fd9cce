import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import DeleteIcon from '@mui/icons-material/Delete';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ErrorAlert from './ErrorAlert';

/**
 * Static access keys, for demos only (ARCHITECTURE §1). The secret is typed here once, goes to main's vault,
 * and never comes back: the list shows names and access key IDs.
 */
export default function StaticCredentialsPanel() {
  const sets = useLoad(() => api.staticList());
  const [name, setName] = useState('');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  // After adding or removing a set, the focus goes to the Name field, ready for the next one: the button that
  // had it is disabled (the fields are empty) or gone with its row, and would leave the focus on <body>.
  const nameField = useRef<HTMLInputElement>(null);
  const add = useAction(async () => {
    await api.staticAdd({
      name: name.trim(),
      accessKeyId: accessKeyId.trim(),
      secretAccessKey: secret.trim(),
    });
    setName('');
    setAccessKeyId('');
    setSecret('');
    await sets.reload();
    nameField.current?.focus();
  });
  const remove = useAction(async (target: string) => {
    await api.staticRemove({ name: target });
    await sets.reload();
    nameField.current?.focus();
  });
  const keyIdProblem =
    accessKeyId.trim() && accessKeyId.trim().length < 16
      ? 'An access key ID has at least 16 characters (AKIA…).'
      : undefined;
  const valid = name.trim() !== '' && accessKeyId.trim().length >= 16 && secret.trim() !== '';

  return (
    <Stack spacing={2}>
      <Alert severity="warning">
        For demos only. Static keys do not expire; use a Roles Anywhere profile for anything real.
      </Alert>
      <ErrorAlert error={sets.error} onRetry={() => void sets.reload()} />
      <ErrorAlert error={remove.error} onClose={remove.clearError} />
      {(sets.data ?? []).length > 0 && (
        <List aria-label="Static credential sets" sx={{ p: 0 }}>
          {(sets.data ?? []).map((s) => (
            <ListItem
              key={s.name}
              data-testid={TESTIDS.staticRow}
              data-name={s.name}
              secondaryAction={
                <Tooltip title={`Remove ${s.name}`}>
                  <IconButton
                    edge="end"
                    aria-label={`Remove static credentials ${s.name}`}
                    onClick={() => void remove.run(s.name)}
                    data-testid={TESTIDS.staticRemove}
                  >
                    <DeleteIcon />
                  </IconButton>
                </Tooltip>
              }
            >
              <ListItemText
                primary={
                  <Tooltip title={s.name} placement="top-start">
                    <span>{`${s.name} (for demos)`}</span>
                  </Tooltip>
                }
                secondary={s.accessKeyId}
                sx={{ pr: 4, minWidth: 0 }}
                slotProps={{
                  primary: { noWrap: true },
                  secondary: { noWrap: true, sx: { fontFamily: MONO_FONT } },
                }}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Stack
        spacing={2}
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void add.run();
        }}
      >
        {/* A grid on the panel's width: three fields side by side where they fit, else wrapping, so no field is
            squeezed under its label at 800 px (issue 10 §6). */}
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
            gap: 2,
            alignItems: 'start',
          }}
        >
          <TextField
            label="Name"
            inputRef={nameField}
            size="small"
            value={name}
            onChange={(e) => setName(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': TESTIDS.staticName, autoComplete: 'off' } }}
          />
          <TextField
            label="Access key ID"
            size="small"
            value={accessKeyId}
            onChange={(e) => setAccessKeyId(e.target.value)}
            error={Boolean(keyIdProblem)}
            helperText={keyIdProblem}
            slotProps={{
              htmlInput: { 'data-testid': TESTIDS.staticKeyId, autoComplete: 'off', spellCheck: false },
            }}
          />
          <TextField
            label="Secret access key"
            size="small"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': TESTIDS.staticSecret } }}
          />
        </Box>
        <ErrorAlert error={add.error} onClose={add.clearError} />
        <div>
          <Button
            type="submit"
            variant="outlined"
            // Not disabled while saving: that would drop the focus; a second submit is ignored (useAction).
            disabled={!valid}
            aria-disabled={add.busy || undefined}
            data-testid={TESTIDS.staticAdd}
          >
            Add static credentials
          </Button>
        </div>
      </Stack>
    </Stack>
  );
}
