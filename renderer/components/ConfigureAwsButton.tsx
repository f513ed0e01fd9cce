import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TerminalIcon from '@mui/icons-material/Terminal';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ErrorAlert from './ErrorAlert';

/**
 * Writes `[profile NAME]` with a `credential_process` line into ~/.aws/config (main runs configure-aws), so the
 * AWS CLI and SDKs fetch fresh credentials from Anchorage on their own.
 */
export default function ConfigureAwsButton({ profile }: { profile: string }) {
  const [done, setDone] = useState<{ path: string; backup?: string } | undefined>();
  const action = useAction(async () => setDone(await api.awsConfigure({ profile })));
  return (
    <Box>
      <Button
        variant="outlined"
        startIcon={<TerminalIcon />}
        onClick={() => void action.run()}
        disabled={action.busy}
        data-testid={TESTIDS.configureAws}
      >
        Configure AWS CLI
      </Button>
      <ErrorAlert error={action.error} onClose={action.clearError} sx={{ mt: 2 }} />
      {done && (
        <Alert
          severity="success"
          sx={{ mt: 2 }}
          data-testid={TESTIDS.configureAwsResult}
          onClose={() => setDone(undefined)}
        >
          Added profile “{profile}” to {done.path}
          {done.backup ? ` (the previous file is kept as ${done.backup})` : ''}. Try it:{' '}
          <Box component="code" sx={{ fontFamily: MONO_FONT }}>
            aws sts get-caller-identity --profile {profile}
          </Box>
        </Alert>
      )}
    </Box>
  );
}
