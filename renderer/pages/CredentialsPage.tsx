import { useCallback, useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import type { Profile } from '../../shared/schemas/models';
import { api } from '../api';
import ConfirmDialog from '../components/ConfirmDialog';
import CredentialsCard from '../components/CredentialsCard';
import ErrorAlert from '../components/ErrorAlert';
import FormDialog from '../components/FormDialog';
import PageHeader from '../components/PageHeader';
import ProfileForm from '../components/ProfileForm';
import ProfileList from '../components/ProfileList';
import StaticCredentialsPanel from '../components/StaticCredentialsPanel';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useSettings } from '../hooks/settings-context';
import type { PageKey } from '../pages';
import { TESTIDS } from '../testids';

/** Profiles with their live credentials, and static credential sets for demos. */
export default function CredentialsPage({ onNavigate }: { onNavigate?: (page: PageKey) => void }) {
  const { settings } = useSettings();
  const profiles = useLoad(() => api.profileList());
  const certs = useLoad(() => api.certList());
  const [selected, setSelected] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [removing, setRemoving] = useState<string>();
  const [focusRequest, setFocusRequest] = useState<{ name: string }>();
  // Bumped when a profile is saved, so the card fetches the session of what was saved (core dropped the old).
  const [saves, setSaves] = useState(0);
  const addButton = useRef<HTMLButtonElement>(null);
  const remove = useAction(async (name: string) => {
    await api.profileRemove({ name });
    setRemoving(undefined);
    if (selected === name) setSelected(undefined);
    await profiles.reload();
    // The row (and the button that had the focus) is gone: the focus goes to the next profile, or to Add.
    const next = (profiles.data ?? []).find((p) => p.name !== name);
    if (next) setFocusRequest({ name: next.name });
    else addButton.current?.focus();
  });
  const { reload: reloadProfiles } = profiles;
  // The list's session column follows what the card receives.
  const onSession = useCallback(() => void reloadProfiles(), [reloadProfiles]);

  const list = profiles.data ?? [];
  const current = list.find((p) => p.name === selected) ?? list[0];
  const edited = list.find((p) => p.name === editing);
  const clients = (certs.data ?? []).filter((c) => c.kind === 'client');
  const saved = (profile: Profile) => {
    // A new profile gets the focus on its row; after an edit the dialog gives it back to the Edit button.
    if (adding) setFocusRequest({ name: profile.name });
    setAdding(false);
    setEditing(undefined);
    setSelected(profile.name);
    setSaves((n) => n + 1);
    void profiles.reload();
  };

  return (
    <>
      <PageHeader
        title="Credentials"
        subtitle="Short-lived AWS credentials from your Roles Anywhere profiles."
        actions={
          <Button
            ref={addButton}
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setAdding(true)}
            disabled={clients.length === 0}
            data-testid={TESTIDS.profileAddOpen}
          >
            Add profile
          </Button>
        }
      />
      <ErrorAlert error={profiles.error} onRetry={() => void profiles.reload()} sx={{ mb: 2 }} />
      <ErrorAlert error={certs.error} onRetry={() => void certs.reload()} sx={{ mb: 2 }} />
      <ErrorAlert error={remove.error} onClose={remove.clearError} sx={{ mb: 2 }} />
      {profiles.data && list.length === 0 && (
        <Paper variant="outlined" sx={{ p: 4, mb: 3, textAlign: 'center' }}>
          <Typography variant="h6" component="h2">
            No profile yet
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            The setup wizard creates a CA, a client certificate and a profile, and tests the connection.
          </Typography>
          {onNavigate && (
            <Button variant="contained" onClick={() => onNavigate('wizard')}>
              Open the setup wizard
            </Button>
          )}
        </Paper>
      )}
      {list.length > 0 && current && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ mb: 4, alignItems: 'flex-start' }}>
          <Paper
            variant="outlined"
            sx={{ p: 1, width: { xs: '100%', md: 300 }, flexShrink: 0, minWidth: 0, boxSizing: 'border-box' }}
          >
            <ProfileList
              profiles={list}
              certificates={certs.data ?? []}
              selected={current.name}
              onSelect={setSelected}
              onEdit={setEditing}
              onRemove={setRemoving}
              focusRequest={focusRequest}
            />
          </Paper>
          <Stack sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
            <CredentialsCard
              key={`${current.name}#${saves}`}
              profile={current.name}
              durationSeconds={current.durationSeconds}
              refreshMarginSeconds={settings.refreshMarginSeconds}
              clipboardClearSeconds={settings.clipboardClearSeconds}
              onSession={onSession}
            />
          </Stack>
        </Stack>
      )}
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        Static credentials
      </Typography>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <StaticCredentialsPanel />
      </Paper>
      <FormDialog
        open={adding}
        title="Add a Roles Anywhere profile"
        onClose={() => setAdding(false)}
        testId={TESTIDS.profileAddDialog}
      >
        <ProfileForm certificates={clients} onSaved={saved} />
      </FormDialog>
      <FormDialog
        open={edited !== undefined}
        title={`Edit profile “${editing ?? ''}”`}
        onClose={() => setEditing(undefined)}
        testId={TESTIDS.profileEditDialog}
      >
        {edited && <ProfileForm key={edited.name} certificates={clients} initial={edited} onSaved={saved} />}
      </FormDialog>
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove profile “${removing ?? ''}”?`}
        text="Anchorage forgets the profile and its cached session. The certificate and the AWS resources stay."
        confirmLabel="Remove"
        busy={remove.busy}
        onConfirm={() => removing && void remove.run(removing)}
        onCancel={() => setRemoving(undefined)}
      />
    </>
  );
}
