import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { MaskedSession } from '../../shared/schemas/models';
import { formatCountdown } from '../format';
import { useSessionRefresh } from '../hooks/use-session-refresh';
import type { SessionRefresh } from '../hooks/use-session-refresh';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ConfigureAwsButton from './ConfigureAwsButton';
import CopyMenu from './CopyMenu';
import LocalServePanel from './LocalServePanel';
import ErrorAlert from './ErrorAlert';
import ExpiryBar from './ExpiryBar';
import LabeledValue from './LabeledValue';
import SecretValue from './SecretValue';
import SessionChip from './SessionChip';

export interface CredentialsCardProps {
  profile: string;
  /** Refresh this many seconds before expiry (Settings). */
  refreshMarginSeconds: number;
  /** The profile's session length, to scale the countdown bar for cached sessions. */
  durationSeconds?: number;
  clipboardClearSeconds?: number;
  /** Told about every session received, so a list beside the card can show the same state. */
  onSession?: (session: MaskedSession) => void;
}

/** What the card says about the automatic retries, under the error. */
function retryNote(state: SessionRefresh): string | undefined {
  if (!state.session || !state.error) return undefined;
  if (state.expired) return undefined;
  if (state.retry) {
    const at = new Date(state.retry.at).toLocaleTimeString();
    return `Retrying automatically in ${formatCountdown(state.retry.at - state.now)} (at ${at}, retry ${state.retry.attempt}).`;
  }
  if (state.notRetried) return 'Not retried automatically: this needs a change first.';
  if (state.busy) return undefined;
  return `The credentials shown still work until ${new Date(state.end).toLocaleTimeString()}.`;
}

/**
 * Live session credentials of one profile: masked values, a countdown, and a refresh shortly before expiry
 * (ARCHITECTURE §1 step 5) that recovers by itself (issue 10 §5): a failed refresh is retried with backoff, every
 * error offers Retry and its details, and an expired session says so, cannot be copied, and offers
 * "Expired: refresh". Copying goes through main; the renderer never holds the secret.
 */
export default function CredentialsCard(props: CredentialsCardProps) {
  const { profile, refreshMarginSeconds, durationSeconds, clipboardClearSeconds, onSession } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const refreshButton = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const state = useSessionRefresh({
    profile,
    refreshMarginSeconds,
    ...(durationSeconds ? { durationSeconds } : {}),
  });
  const { session, error, busy, expired, refresh, answered } = state;
  // Focus goes to the result: the Refresh button for a refreshed session (Expired: refresh is gone), the card's
  // heading after the first load succeeded on Retry (the alert that had the focus is gone). `answered` comes in
  // the same update as the session, so this runs after the commit that shows it, whatever else rendered first;
  // only if the focus is still in the card or was dropped, never pulled from where the user went meanwhile.
  useEffect(() => {
    if (!answered) return;
    const active = document.activeElement;
    if (active && active !== document.body && !card.current?.contains(active)) return;
    (answered.hadSession ? refreshButton.current : heading.current)?.focus();
  }, [answered]);

  const reported = useRef<MaskedSession | undefined>(undefined);
  useEffect(() => {
    if (session && reported.current !== session) {
      reported.current = session;
      onSession?.(session);
    }
  }, [session, onSession]);

  const title = `Session credentials · ${profile}`;
  return (
    <Card
      ref={card}
      data-testid={TESTIDS.credentialsCard}
      data-profile={profile}
      data-expiration={session?.expiration ?? ''}
      data-state={
        !session ? (error ? 'failed' : 'loading') : expired ? 'expired' : error ? 'refresh-failed' : 'live'
      }
    >
      <CardContent>
        <Stack spacing={2.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
            <Tooltip title={title}>
              <Typography
                variant="h6"
                component="h2"
                ref={heading}
                tabIndex={-1}
                // Up to two lines, then an ellipsis (the tooltip has it all): a short name is never cut.
                sx={{
                  flexGrow: 1,
                  minWidth: 0,
                  overflow: 'hidden',
                  overflowWrap: 'anywhere',
                  display: '-webkit-box',
                  WebkitLineClamp: 2,
                  WebkitBoxOrient: 'vertical',
                }}
              >
                {title}
              </Typography>
            </Tooltip>
            <SessionChip state={state} />
            {busy && <CircularProgress size={20} aria-label="Getting credentials" />}
          </Stack>
          <ErrorAlert error={error} onRetry={refresh} retrying={busy}>
            {retryNote(state) && (
              <Typography
                variant="body2"
                sx={{ mt: 0.5 }}
                data-testid={TESTIDS.sessionRetryNote}
                data-retry-at={state.retry ? new Date(state.retry.at).toISOString() : ''}
              >
                {retryNote(state)}
              </Typography>
            )}
          </ErrorAlert>
          {!session && !error && (
            <Typography color="text.secondary">Calling IAM Roles Anywhere CreateSession…</Typography>
          )}
          {session && (
            <>
              {/* A grid on the card's own width, not the window's: beside the profile list at 1024 px the card is
                  narrow, and three fixed columns would overlap (issue 10 §6). */}
              <Box
                sx={{
                  display: 'grid',
                  gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
                  gap: 2,
                  minWidth: 0,
                }}
              >
                <LabeledValue label="Access key ID">
                  <Typography
                    data-testid={TESTIDS.accessKeyId}
                    sx={{ fontFamily: MONO_FONT, fontSize: 14, overflowWrap: 'anywhere' }}
                  >
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
              </Box>
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
              <ExpiryBar
                start={state.start}
                end={state.end}
                now={state.now}
                refreshMarginSeconds={state.marginSeconds}
              />
              <Typography variant="caption" color="text.secondary" data-testid={TESTIDS.sessionCaption}>
                {expired
                  ? 'These credentials have expired: AWS no longer accepts them, so they cannot be copied. Choose Expired: refresh for a new session.'
                  : `Refreshed automatically ${Math.round(state.marginSeconds / 60)} min before expiry.`}
              </Typography>
              <Divider />
              <Stack
                direction="row"
                spacing={1.5}
                sx={{ flexWrap: 'wrap', rowGap: 1.5, alignItems: 'flex-start' }}
              >
                {expired && (
                  <Button
                    variant="contained"
                    startIcon={<RefreshIcon />}
                    // While an attempt is out, a press is answered by it (the hook starts no second one).
                    onClick={refresh}
                    aria-disabled={busy ? 'true' : undefined}
                    data-testid={TESTIDS.sessionExpiredRefresh}
                  >
                    {busy ? 'Refreshing…' : 'Expired: refresh'}
                  </Button>
                )}
                <CopyMenu profile={profile} disabled={expired} />
                {!expired && (
                  <Button
                    ref={refreshButton}
                    variant="outlined"
                    startIcon={<RefreshIcon />}
                    // Not `disabled` while busy: a disabled button drops the keyboard focus to <body>.
                    // While an attempt is out, a press is answered by it (the hook starts no second one).
                    onClick={refresh}
                    aria-disabled={busy ? 'true' : undefined}
                    data-testid={TESTIDS.sessionRefresh}
                  >
                    Refresh now
                  </Button>
                )}
                <ConfigureAwsButton profile={profile} />
              </Stack>
            </>
          )}
          <Divider />
          <LocalServePanel profile={profile} />
        </Stack>
      </CardContent>
    </Card>
  );
}
