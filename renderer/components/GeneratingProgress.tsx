import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { KeyType } from '../../shared/domain/key-types';
import { useNow } from '../hooks/use-now';
import { KEY_TYPE_INFO } from '../../shared/domain/key-types';

export interface GeneratingProgressProps {
  keyType: KeyType;
  startedAt: number;
  what: string;
  testId?: string;
}

/** Progress while main generates a key: RSA-4096 can take many seconds, and the user should know why. */
export default function GeneratingProgress({ keyType, startedAt, what, testId }: GeneratingProgressProps) {
  const now = useNow(500);
  const elapsed = Math.max(0, Math.floor((now - startedAt) / 1000));
  const slow = keyType === 'rsa-4096' || keyType === 'rsa-3072';
  return (
    <Box data-testid={testId} role="status" aria-live="polite">
      <LinearProgress aria-label={`Generating ${what}`} sx={{ borderRadius: 1, mb: 1 }} />
      <Typography variant="body2" color="text.secondary">
        Generating a {KEY_TYPE_INFO[keyType].label} key and {what}… {elapsed > 0 ? `${elapsed} s` : ''}
        {slow ? ' Large RSA keys take a while: searching for big primes is slow work.' : ''}
      </Typography>
    </Box>
  );
}
