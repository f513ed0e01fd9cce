import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { VaultStatus } from '../../shared/schemas/models';
import { TESTIDS } from '../testids';

const TITLE: Record<VaultStatus['kind'], string> = {
  keychain: 'OS keychain',
  'passphrase-file': 'Passphrase store',
};

const STATE: Record<VaultStatus['state'], { severity: 'success' | 'warning' | 'error'; text: string }> = {
  available: { severity: 'success', text: 'available' },
  locked: { severity: 'warning', text: 'locked' },
  unavailable: { severity: 'error', text: 'unavailable' },
};

/** Where the vault key lives (keychain or passphrase file) and whether it can be used right now. */
export default function VaultStatusCard({ status }: { status: VaultStatus }) {
  const state = STATE[status.state];
  return (
    <Alert
      severity={state.severity}
      data-testid={TESTIDS.vaultStatus}
      data-kind={status.kind}
      data-state={status.state}
      // The detail names a file path, which has no spaces to wrap at in a narrow window.
      sx={{ overflowWrap: 'anywhere' }}
    >
      <AlertTitle>
        {TITLE[status.kind]}: {state.text}
      </AlertTitle>
      {status.detail}
    </Alert>
  );
}
