import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import type { CertificateSummary, Profile } from '../../shared/schemas/models';
import CredentialsCard from '../components/CredentialsCard';
import ExportDialog from '../components/ExportDialog';
import { useSettings } from '../hooks/settings-context';
import { TESTIDS } from '../testids';

export interface DoneStepProps {
  profile: Profile;
  client: CertificateSummary;
  onNavigate?: (page: 'credentials' | 'certificates') => void;
}

/** Step 6: live credentials, and a PFX for platforms that take the certificate itself. */
export default function DoneStep({ profile, client, onNavigate }: DoneStepProps) {
  const { settings } = useSettings();
  const [exporting, setExporting] = useState(false);
  return (
    <Stack spacing={3}>
      <CredentialsCard
        profile={profile.name}
        durationSeconds={profile.durationSeconds}
        refreshMarginSeconds={settings.refreshMarginSeconds}
        clipboardClearSeconds={settings.clipboardClearSeconds}
      />
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h3">
          Use the certificate elsewhere
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Platforms such as Mendix Cloud take a PFX file with the certificate and its key, and call Roles
          Anywhere themselves.
        </Typography>
        <Stack direction="row" spacing={1.5}>
          <Button
            variant="outlined"
            startIcon={<SaveAltIcon />}
            onClick={() => setExporting(true)}
            data-testid={TESTIDS.exportPfx}
          >
            Export PFX…
          </Button>
          {onNavigate && <Button onClick={() => onNavigate('credentials')}>Go to Credentials</Button>}
        </Stack>
      </Stack>
      {exporting && (
        <ExportDialog cert={client} open onClose={() => setExporting(false)} initialFormat="pfx" />
      )}
    </Stack>
  );
}
