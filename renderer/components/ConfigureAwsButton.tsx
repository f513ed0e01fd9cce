import { useEffect, useRef, useState } from 'react';
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
  // The result is what the user looks for next: the focus moves to it (issue 10 §7).
  const result = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (done) result.current?.focus();
  }, [done]);
  return (
    <Box>
      <Button
        ref={button}
        variant="outlined"
        startIcon={<TerminalIcon />}
        onClick={() => void action.run()}
        // Not `disabled` while busy: a disabled button drops the keyboard focus to <body>.
        aria-disabled={action.busy || undefined}
        data-testid={TESTIDS.configureAws}
      >
        Configure AWS CLI
      </Button>
      <ErrorAlert
        error={action.error}
        onClose={action.clearError}
        onRetry={() => void action.run()}
        retrying={action.busy}
        sx={{ mt: 2 }}
      />
      {done && (
        <Alert
          ref={result}
          tabIndex={-1}
          severity="success"
          sx={{ mt: 2 }}
          data-testid={TESTIDS.configureAwsResult}
          onClose={() => {
            setDone(undefined);
            button.current?.focus();
          }}
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
