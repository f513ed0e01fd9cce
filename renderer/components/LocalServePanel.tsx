import { useState } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { usePublicCopy } from '../hooks/use-public-copy';
import { TESTIDS } from '../testids';
import CodeBlock from './CodeBlock';
import ErrorAlert from './ErrorAlert';

/**
 * "Serve to local tools" (issue 11 §1): while the app runs, a loopback credentials endpoint for this profile,
 * which the AWS CLI and SDKs use through the container-credentials variables. The lines to paste name the
 * token file, never the token, so they are public text.
 */
export default function LocalServePanel({ profile }: { profile: string }) {
  const served = useLoad(() => api.serveList());
  const endpoint = served.data?.find((e) => e.profile === profile);
  const copy = usePublicCopy();
  // The switch shows what was asked for while main starts or stops the server, then what is.
  const [asked, setAsked] = useState<boolean>();
  const toggle = useAction(async (on: boolean) => {
    setAsked(on);
    try {
      if (on) await api.serveStart({ profile });
      else await api.serveStop({ profile });
      await served.reload();
    } finally {
      setAsked(undefined);
    }
  });

  return (
    <Stack spacing={1.5} data-testid={TESTIDS.localServe} data-serving={endpoint ? 'true' : 'false'}>
      <FormControlLabel
        control={
          <Switch
            checked={asked ?? Boolean(endpoint)}
            onChange={(e) => void toggle.run(e.target.checked)}
            slotProps={{
              input: { 'aria-busy': toggle.busy, 'data-testid': TESTIDS.localServeSwitch } as object,
            }}
          />
        }
        label={toggle.busy ? 'Serve to local tools…' : 'Serve to local tools'}
      />
      <Typography variant="body2" color="text.secondary">
        {endpoint
          ? 'The AWS CLI and SDKs in a shell with these lines get this profile’s credentials from Anchorage, refreshed before they expire, for as long as the app is open.'
          : 'A credentials endpoint on this computer only (127.0.0.1), for the AWS CLI and SDKs: no credentials in files or environment variables.'}
      </Typography>
      <ErrorAlert error={served.error} onRetry={() => void served.reload()} />
      <ErrorAlert error={toggle.error} onClose={toggle.clearError} />
      {endpoint && (
        <div>
          <CodeBlock
            label="Paste into the shell (POSIX)"
            text={endpoint.lines.join('\n')}
            testId={TESTIDS.localServeLines}
            copyTestId={TESTIDS.localServeCopy}
            onCopy={() => void copy.run('Serve lines', endpoint.lines.join('\n'))}
            maxHeight={160}
          />
        </div>
      )}
    </Stack>
  );
}
