import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatCountdown } from '../format';
import { TESTIDS } from '../testids';

export interface ExpiryBarProps {
  /** Epoch ms when the credentials were received (the bar's full width). */
  start: number;
  /** Epoch ms of expiry. */
  end: number;
  now: number;
  /** Seconds before expiry at which the app refreshes. */
  refreshMarginSeconds: number;
}

/**
 * Countdown to expiry; turns amber inside the refresh margin and red when expired, and then says "Expired"
 * instead of a frozen 0:00 (issue 10 §5).
 */
export default function ExpiryBar({ start, end, now, refreshMarginSeconds }: ExpiryBarProps) {
  const remaining = Math.max(0, end - now);
  const total = Math.max(1, end - start);
  const value = Math.min(100, (remaining / total) * 100);
  const color = remaining === 0 ? 'error' : remaining <= refreshMarginSeconds * 1000 ? 'warning' : 'primary';
  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', mb: 0.5 }}>
        <Typography variant="body2" color="text.secondary">
          {remaining === 0 ? `Ended at ${new Date(end).toLocaleTimeString()}` : 'Expires in'}
        </Typography>
        <Typography
          variant="body2"
          sx={{ fontVariantNumeric: 'tabular-nums' }}
          data-testid={TESTIDS.countdownText}
        >
          {remaining === 0 ? 'Expired' : formatCountdown(remaining)}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={value}
        color={color}
        data-testid={TESTIDS.countdown}
        data-remaining-seconds={Math.floor(remaining / 1000)}
        aria-label={remaining === 0 ? 'The credentials have expired' : 'Time until the credentials expire'}
        sx={{ height: 8, borderRadius: 4 }}
      />
    </Box>
  );
}
