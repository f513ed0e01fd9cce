import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import CloudSyncIcon from '@mui/icons-material/CloudSync';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { safeFileName } from '../../shared/domain/file-names';
import { api } from '../api';
import { quotedList } from '../format';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';
import type { RenewOutcome } from './RenewDialog';

/**
 * What a renewal did, at the top of the drawer that shows the result: for a client certificate, which profiles
 * moved and what became of the old one; for a CA, the trust anchor's next step, with the bundle to save.
 */
export default function RenewedNotice(props: {
  outcome: RenewOutcome;
  /** Offer to update the CA's trust anchor in AWS now (issue 12 §4); `from` gets the focus back. */
  onUpdateAnchor?: (from: HTMLElement) => void;
}) {
  const { outcome, onUpdateAnchor } = props;
  if (outcome.kind === 'client') {
    const { profilesMoved: moved, previous } = outcome;
    return (
      <Alert severity="success" sx={{ mb: 2, overflowWrap: 'anywhere' }} data-testid={TESTIDS.certNotice}>
        {`Renewed. ${
          moved.length === 0
            ? 'No profile used the old certificate.'
            : `${moved.length === 1 ? 'Profile' : 'Profiles'} ${quotedList(moved)} now ${moved.length === 1 ? 'signs' : 'sign'} with this one.`
        } The old certificate is now “${previous.name}”, ${
          previous.status === 'revoked' ? 'revoked' : 'superseded: it works until it expires'
        }.`}
      </Alert>
    );
  }
  return (
    <CaRenewedNotice
      name={outcome.ca.name}
      bundlePem={outcome.bundlePem}
      {...(onUpdateAnchor ? { onUpdateAnchor } : {})}
    />
  );
}

function CaRenewedNotice(props: {
  name: string;
  bundlePem: string;
  onUpdateAnchor?: (from: HTMLElement) => void;
}) {
  const { name, bundlePem, onUpdateAnchor } = props;
  const [path, setPath] = useState<string | null>();
  const save = useAction(async () => {
    const saved = await api.fileSaveText({
      suggestedName: `${safeFileName(name)}-trust-anchor-bundle.pem`,
      text: bundlePem,
    });
    setPath(saved.path);
  });
  return (
    <Alert severity="warning" sx={{ mb: 2, overflowWrap: 'anywhere' }} data-testid={TESTIDS.certNotice}>
      <Typography variant="body2">
        Renewed in place. Now update the trust anchor in Roles Anywhere so that it holds both the new and the
        old CA certificate (source: certificate bundle), or sessions whose chain names the other one fail.
      </Typography>
      {onUpdateAnchor && (
        <Button
          size="small"
          variant="contained"
          color="inherit"
          startIcon={<CloudSyncIcon />}
          onClick={(e) => onUpdateAnchor(e.currentTarget)}
          sx={{ mt: 1, mr: 1 }}
          data-testid={TESTIDS.trustAnchorUpdate}
        >
          Update the trust anchor in AWS…
        </Button>
      )}
      <Button
        size="small"
        variant="outlined"
        color="inherit"
        startIcon={<SaveAltIcon />}
        onClick={() => !save.busy && void save.run()}
        aria-disabled={save.busy ? 'true' : undefined}
        sx={{ mt: 1 }}
        data-testid={TESTIDS.trustAnchorBundleSave}
      >
        Save the bundle (new + old)…
      </Button>
      {path !== undefined && (
        <Typography variant="body2" sx={{ mt: 1 }} role="status">
          {path ? `Saved to ${path}.` : 'Cancelled: nothing was saved.'}
        </Typography>
      )}
      <ErrorAlert error={save.error} sx={{ mt: 1 }} />
    </Alert>
  );
}
