import { useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
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

/** Profiles with their live credentials, and static credential sets for demos. */
export default function CredentialsPage({ onNavigate }: { onNavigate?: (page: PageKey) => void }) {
  const { settings } = useSettings();
  const profiles = useLoad(() => api.profileList());
  const certs = useLoad(() => api.certList());
  const [selected, setSelected] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();
  const remove = useAction(async (name: string) => {
    await api.profileRemove({ name });
    setRemoving(undefined);
    if (selected === name) setSelected(undefined);
    await profiles.reload();
  });

  const list = profiles.data ?? [];
  const current = list.find((p) => p.name === selected) ?? list[0];
  const clients = (certs.data ?? []).filter(
    (c) => c.kind === 'client' && c.hasPrivateKey && c.status !== 'revoked',
  );

  return (
    <>
      <PageHeader
        title="Credentials"
        subtitle="Short-lived AWS credentials from your Roles Anywhere profiles."
        actions={
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setAdding(true)}
            disabled={clients.length === 0}
          >
            Add profile
          </Button>
        }
      />
      <ErrorAlert error={profiles.error ?? remove.error} sx={{ mb: 2 }} />
      {profiles.data && list.length === 0 && (
        <Paper variant="outlined" sx={{ p: 4, mb: 3, textAlign: 'center' }}>
          <Typography variant="h6">No profile yet</Typography>
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
          <Paper variant="outlined" sx={{ p: 1, width: { xs: '100%', md: 280 }, flexShrink: 0 }}>
            <ProfileList
              profiles={list}
              selected={current.name}
              onSelect={setSelected}
              onRemove={setRemoving}
            />
          </Paper>
          <Stack sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
            <CredentialsCard
              key={current.name}
              profile={current.name}
              durationSeconds={current.durationSeconds}
              refreshMarginSeconds={settings.refreshMarginSeconds}
              clipboardClearSeconds={settings.clipboardClearSeconds}
            />
          </Stack>
        </Stack>
      )}
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        Static credentials
      </Typography>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <StaticCredentialsPanel />
      </Paper>
      <FormDialog open={adding} title="Add a Roles Anywhere profile" onClose={() => setAdding(false)}>
        <ProfileForm
          certificates={clients}
          defaultName=""
          onSaved={(p) => {
            setAdding(false);
            setSelected(p.name);
            void profiles.reload();
          }}
        />
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
