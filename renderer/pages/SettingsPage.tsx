import Typography from '@mui/material/Typography';
import { api } from '../api';
import ErrorAlert from '../components/ErrorAlert';
import Loading from '../components/Loading';
import PageHeader from '../components/PageHeader';
import SettingsForm from '../components/SettingsForm';
import VaultStatusCard from '../components/VaultStatusCard';
import { useLoad } from '../hooks/use-load';

/** Clipboard delay, refresh margin, default key type, and the vault backend's status. */
export default function SettingsPage() {
  const settings = useLoad(() => api.settingsGet());
  const vault = useLoad(() => api.vaultStatus());
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="How Anchorage handles the clipboard, refreshes sessions and creates keys."
      />
      <ErrorAlert error={settings.error} sx={{ mb: 2 }} />
      {settings.data ? <SettingsForm initial={settings.data} /> : !settings.error && <Loading />}
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        Vault
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Private keys and secrets are encrypted with one vault key (AES-256-GCM). The key lives in the OS
        keychain, or in a passphrase-protected file on machines without one.
      </Typography>
      <ErrorAlert error={vault.error} />
      {vault.data && <VaultStatusCard status={vault.data} />}
    </>
  );
}
