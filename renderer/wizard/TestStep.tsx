import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import type { ErrorInfo } from '../../shared/errors';
import type { Profile } from '../../shared/schemas/models';
import { api, toErrorInfo } from '../api';
import CheckIcon from '../components/CheckIcon';
import type { CheckState } from '../components/CheckIcon';
import ErrorAlert from '../components/ErrorAlert';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';

export interface TestStepProps {
  profile: Profile;
  connected: boolean;
  onResult: (ok: boolean) => void;
}

/** Step 5: CreateSession, then STS GetCallerIdentity; each failure with its message and hint. */
export default function TestStep({ profile, connected, onResult }: TestStepProps) {
  const [session, setSession] = useState<CheckState>(connected ? 'ok' : 'idle');
  const [whoami, setWhoami] = useState<CheckState>(connected ? 'ok' : 'idle');
  const [identity, setIdentity] = useState<{ Arn: string; Account: string }>();
  const [error, setError] = useState<ErrorInfo>();
  const [ran, setRan] = useState(false);
  const result = useRef<HTMLDivElement>(null);
  // After a test that passed, the focus goes to its result; after one that failed it stays on "Try again",
  // and the error alert (role=alert) is announced.
  useEffect(() => {
    if (ran && identity) result.current?.focus();
  }, [ran, identity]);

  const busy = session === 'running' || whoami === 'running';
  const run = async () => {
    if (busy) return;
    setRan(true);
    setError(undefined);
    setIdentity(undefined);
    setWhoami('idle');
    setSession('running');
    onResult(false);
    try {
      await api.sessionGet({ profile: profile.name, noCache: true });
      setSession('ok');
    } catch (e) {
      setSession('failed');
      setError(toErrorInfo(e));
      return;
    }
    setWhoami('running');
    try {
      setIdentity(await api.sessionWhoami({ profile: profile.name }));
      setWhoami('ok');
      onResult(true);
    } catch (e) {
      setWhoami('failed');
      setError(toErrorInfo(e));
    }
  };

  return (
    <Stack spacing={2}>
      <List dense aria-label="Connection checks">
        <ListItem>
          <ListItemIcon>
            <CheckIcon state={session} />
          </ListItemIcon>
          <ListItemText
            primary="CreateSession"
            secondary={`IAM Roles Anywhere in ${profile.region}, signed with your certificate`}
          />
        </ListItem>
        <ListItem>
          <ListItemIcon>
            <CheckIcon state={whoami} />
          </ListItemIcon>
          <ListItemText primary="GetCallerIdentity" secondary="AWS STS, with the session credentials" />
        </ListItem>
      </List>
      <ErrorAlert error={error} />
      {identity && (
        <Alert severity="success" data-testid={TESTIDS.connectionOk}>
          <AlertTitle ref={result} tabIndex={-1} sx={{ outline: 'none' }}>
            Connected
          </AlertTitle>
          You are{' '}
          <Stack
            component="span"
            data-testid={TESTIDS.whoamiArn}
            sx={{ display: 'inline', fontFamily: MONO_FONT, wordBreak: 'break-all' }}
          >
            {identity.Arn}
          </Stack>{' '}
          in account {identity.Account}.
        </Alert>
      )}
      {connected && !identity && (
        <Alert severity="success" data-testid={TESTIDS.connectionOk}>
          The connection works.
        </Alert>
      )}
      <div>
        <Button
          variant="contained"
          onClick={() => void run()}
          // Not disabled while it runs: a disabled button that has the focus drops it to <body>.
          aria-disabled={busy || undefined}
          data-testid={TESTIDS.testConnection}
        >
          {busy ? 'Testing…' : error ? 'Try again' : 'Test connection'}
        </Button>
      </div>
    </Stack>
  );
}
