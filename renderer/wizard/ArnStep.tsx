import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { CertificateSummary, Profile } from '../../shared/schemas/models';
import ProfileForm from '../components/ProfileForm';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';

export interface ArnStepProps {
  client: CertificateSummary;
  profile: Profile | undefined;
  onProfile: (profile: Profile | undefined) => void;
}

/** Step 4: the trust anchor, profile and role ARNs plus the region, saved as an Anchorage profile. */
export default function ArnStep({ client, profile, onProfile }: ArnStepProps) {
  if (profile) {
    return (
      <Alert
        severity="success"
        data-testid={TESTIDS.profileSaved}
        action={
          <Button color="inherit" size="small" onClick={() => onProfile(undefined)}>
            Edit
          </Button>
        }
      >
        <AlertTitle>Profile “{profile.name}” saved</AlertTitle>
        <Typography variant="body2" sx={{ fontFamily: MONO_FONT, fontSize: 13, wordBreak: 'break-all' }}>
          {profile.roleArn} · {profile.region}
          {profile.endpoint ? ` · ${profile.endpoint}` : ''}
        </Typography>
      </Alert>
    );
  }
  return <ProfileForm certificates={[client]} onSaved={onProfile} />;
}
