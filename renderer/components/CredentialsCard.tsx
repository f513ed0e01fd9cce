import { useEffect, useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { effectiveRefreshMargin } from '../../shared/domain/defaults';
import type { MaskedSession } from '../../shared/schemas/models';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useNow } from '../hooks/use-now';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ConfigureAwsButton from './ConfigureAwsButton';
import CopyMenu from './CopyMenu';
import ErrorAlert from './ErrorAlert';
import ExpiryBar from './ExpiryBar';
import LabeledValue from './LabeledValue';
import SecretValue from './SecretValue';

export interface CredentialsCardProps {
  profile: string;
  /** Refresh this many seconds before expiry (Settings). */
  refreshMarginSeconds: number;
  /** The profile's session length, to scale the countdown bar for cached sessions. */
  durationSeconds?: number;
  clipboardClearSeconds?: number;
}

/**
 * Live session credentials of one profile: masked values, a countdown, and a refresh shortly before expiry
 * (ARCHITECTURE §1 step 5). Copying goes through main; the renderer never holds the secret.
 */
export default function CredentialsCard(props: CredentialsCardProps) {
  const { profile, refreshMarginSeconds, durationSeconds, clipboardClearSeconds } = props;
  const [session, setSession] = useState<MaskedSession | undefined>();
  const [receivedAt, setReceivedAt] = useState(0);
  const load = useAction(async (noCache: boolean) => {
    const value = await api.sessionGet(noCache ? { profile, noCache: true } : { profile });
    setSession(value);
    setReceivedAt(Date.now());
    return value;
  });
  const { run } = load;

  // The parent remounts the card (key) for another profile, so this runs once per profile.
  useEffect(() => {
    void run(false);
  }, [profile, run]);

  const now = useNow(1000, Boolean(session));
  const end = session ? Date.parse(session.expiration) : 0;
  const start = durationSeconds ? Math.min(receivedAt, end - durationSeconds * 1000) : receivedAt;

  // Refresh once per session when it enters the margin; a failed refresh shows its error and waits for the user.
  // The margin is capped at half the session's lifetime, so a margin longer than the session cannot loop.
  const refreshedFor = useRef<string | undefined>(undefined);
  const threshold = effectiveRefreshMargin(refreshMarginSeconds, (end - start) / 1000) * 1000;
  const due = session !== undefined && end - now <= threshold;
  useEffect(() => {
    if (!due || !session || refreshedFor.current === session.expiration) return;
    refreshedFor.current = session.expiration;
    void run(true);
  }, [due, session, run]);

  return (
    <Card
      data-testid={TESTIDS.credentialsCard}
      data-profile={profile}
      data-expiration={session?.expiration ?? ''}
    >
      <CardContent>
        <Stack spacing={2.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="h6" sx={{ flexGrow: 1 }}>
              Session credentials · {profile}
            </Typography>
            {session && (
              <Chip size="small" label={session.fromCache ? 'Cached' : 'Fresh'} variant="outlined" />
            )}
            {load.busy && <CircularProgress size={20} aria-label="Getting credentials" />}
          </Stack>
          <ErrorAlert error={load.error} />
          {!session && !load.error && (
            <Typography color="text.secondary">Calling IAM Roles Anywhere CreateSession…</Typography>
          )}
          {session && (
            <>
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
                <LabeledValue label="Access key ID">
                  <Typography data-testid={TESTIDS.accessKeyId} sx={{ fontFamily: MONO_FONT, fontSize: 14 }}>
                    {session.accessKeyId}
                  </Typography>
                </LabeledValue>
                <LabeledValue label="Secret access key">
                  <SecretValue
                    label="Secret access key"
                    masked={session.secretAccessKeyMasked}
                    testId={TESTIDS.secretValue}
                    revealTestId={TESTIDS.secretReveal}
                  />
                </LabeledValue>
                <LabeledValue label="Session token">
                  <SecretValue label="Session token" masked={session.sessionTokenMasked} />
                </LabeledValue>
              </Stack>
              <Typography variant="body2" color="text.secondary">
                The secret key and session token stay inside Anchorage; only their first and last characters
                are shown. To use them, choose <strong>Copy as…</strong>: the clipboard is cleared
                {clipboardClearSeconds ? ` after ${clipboardClearSeconds}\u00a0s` : ' after a short delay'}.
              </Typography>
              <LabeledValue label="Role">
                <Typography sx={{ fontFamily: MONO_FONT, fontSize: 13, wordBreak: 'break-all' }}>
                  {session.assumedRoleArn ?? session.roleArn}
                </Typography>
              </LabeledValue>
              <ExpiryBar start={start} end={end} now={now} refreshMarginSeconds={threshold / 1000} />
              <Typography variant="caption" color="text.secondary">
                Refreshed automatically {Math.round(threshold / 60_000)} min before expiry.
              </Typography>
              <Divider />
              <Stack
                direction="row"
                spacing={1.5}
                sx={{ flexWrap: 'wrap', rowGap: 1.5, alignItems: 'flex-start' }}
              >
                <CopyMenu profile={profile} />
                <Button
                  variant="outlined"
                  startIcon={<RefreshIcon />}
                  onClick={() => void run(true)}
                  disabled={load.busy}
                  data-testid={TESTIDS.sessionRefresh}
                >
                  Refresh now
                </Button>
                <ConfigureAwsButton profile={profile} />
              </Stack>
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
