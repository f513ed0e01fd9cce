import { useState } from 'react';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { MONO_FONT } from '../theme';

export interface SecretValueProps {
  label: string;
  /** Already masked by main (first and last four characters at most); the real secret never gets here. */
  masked: string;
  testId?: string;
  revealTestId?: string;
}

const HIDDEN = '•'.repeat(16);

/**
 * A secret as the renderer may show it. Hidden by default; "reveal" shows the masked form main sent (enough to
 * tell two keys apart, never enough to use one). The full value is only ever reachable through "Copy as…".
 */
export default function SecretValue({ label, masked, testId, revealTestId }: SecretValueProps) {
  const [revealed, setRevealed] = useState(false);
  const action = revealed ? `Hide the ${label.toLowerCase()} hint` : `Show the ${label.toLowerCase()} hint`;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
      <Typography
        data-testid={testId}
        data-revealed={revealed ? 'true' : 'false'}
        aria-label={revealed ? `${label}, partly shown` : `${label}, hidden`}
        sx={{ fontFamily: MONO_FONT, fontSize: 14, overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {revealed ? masked : HIDDEN}
      </Typography>
      <Tooltip title={action}>
        <IconButton
          size="small"
          aria-label={action}
          aria-pressed={revealed}
          onClick={() => setRevealed(!revealed)}
          data-testid={revealTestId}
        >
          {revealed ? <VisibilityOffIcon fontSize="small" /> : <VisibilityIcon fontSize="small" />}
        </IconButton>
      </Tooltip>
    </Stack>
  );
}
