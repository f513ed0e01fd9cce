import Chip from '@mui/material/Chip';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import TimerOffIcon from '@mui/icons-material/TimerOff';
import type { SessionRefresh } from '../hooks/use-session-refresh';
import { TESTIDS } from '../testids';

/** The one state a session is in, as the chip names it. */
export type SessionChipState = 'fresh' | 'cached' | 'expired' | 'refresh-failed';

/**
 * Which chip the card shows. It never contradicts the rest of the card (issue 10 §5): "Fresh" or "Cached" only
 * for a live session with no error beside it, "Expired" once it ended, "Refresh failed" while a refresh failed
 * (and is retried); no chip at all while there is no session to describe.
 */
function sessionChipState(
  state: Pick<SessionRefresh, 'session' | 'error' | 'expired'>,
): SessionChipState | undefined {
  if (!state.session) return undefined;
  if (state.expired) return 'expired';
  if (state.error) return 'refresh-failed';
  return state.session.fromCache ? 'cached' : 'fresh';
}

const LABEL: Record<SessionChipState, string> = {
  fresh: 'Fresh',
  cached: 'Cached',
  expired: 'Expired',
  'refresh-failed': 'Refresh failed',
};

const TITLE: Record<SessionChipState, string> = {
  fresh: 'Just received from IAM Roles Anywhere',
  cached: 'Served from Anchorage’s cache; still valid',
  expired: 'The session ended; AWS no longer accepts it',
  'refresh-failed': 'The last refresh failed; the credentials shown still work until they expire',
};

/**
 * The session's state as a chip. The text keeps the theme's text colour (the coloured chips of MUI fall under
 * 4.5:1 in one of the modes); the icon, a graphic that needs only 3:1, carries the warning colour.
 */
export default function SessionChip({
  state,
}: {
  state: Pick<SessionRefresh, 'session' | 'error' | 'expired'>;
}) {
  const chip = sessionChipState(state);
  if (!chip) return null;
  const icon =
    chip === 'expired' ? <TimerOffIcon /> : chip === 'refresh-failed' ? <SyncProblemIcon /> : undefined;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={LABEL[chip]}
      title={TITLE[chip]}
      data-testid={TESTIDS.sessionChip}
      data-state={chip}
      {...(icon ? { icon } : {})}
      sx={{
        flexShrink: 0,
        '& .MuiChip-icon': { color: chip === 'expired' ? 'error.main' : 'warning.main' },
        ...(chip === 'expired' || chip === 'refresh-failed' ? { borderColor: 'currentColor' } : {}),
      }}
    />
  );
}
