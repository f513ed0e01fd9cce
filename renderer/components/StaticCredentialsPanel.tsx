import { useState } from 'react';
import Alert from '@mui/material/Alert';
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
  });
  const remove = useAction(async (target: string) => {
    await api.staticRemove({ name: target });
    await sets.reload();
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
      <ErrorAlert error={sets.error ?? remove.error} />
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
                primary={`${s.name} (for demos)`}
                secondary={s.accessKeyId}
                slotProps={{ secondary: { sx: { fontFamily: MONO_FONT } } }}
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
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label="Name"
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
        </Stack>
        <ErrorAlert error={add.error} onClose={add.clearError} />
        <div>
          <Button
            type="submit"
            variant="outlined"
            disabled={!valid || add.busy}
            data-testid={TESTIDS.staticAdd}
          >
            Add static credentials
          </Button>
        </div>
      </Stack>
    </Stack>
  );
}
