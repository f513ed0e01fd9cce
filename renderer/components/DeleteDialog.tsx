import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import { plural, quotedList } from '../format';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import ConfirmDialog from './ConfirmDialog';
import ErrorAlert from './ErrorAlert';
import CheckboxOption from './CheckboxOption';

export interface DeleteDialogProps {
  cert: CertificateSummary;
  /** Profiles that sign with it: any of them blocks the delete (core refuses it, `force` or not). */
  profiles: readonly string[];
  /** For a CA: what it issued and has not been revoked, which the delete would leave without an issuer. */
  orphans: readonly CertificateSummary[];
  open: boolean;
  onClose: () => void;
  onDeleted: (result: { name: string; orphaned: string[] }) => void | Promise<void>;
  onExited: () => void;
}

/**
 * Delete a CA or certificate and its private key. Names what blocks it (profiles: edit or remove them on the
 * Credentials page first) and what it would leave without an issuer (a CA's certificates: an explicit "delete
 * anyway"). Core checks the same again, so an error in between still shows.
 */
export default function DeleteDialog(props: DeleteDialogProps) {
  const { cert, profiles, orphans, open, onClose, onDeleted, onExited } = props;
  const [anyway, setAnyway] = useState(false);
  const blocked = profiles.length > 0;
  const needsForce = orphans.length > 0;
  const del = useAction(async () => {
    const result = await api.certDelete({ ref: cert.id, ...(needsForce ? { force: true } : {}) });
    await onDeleted({ name: result.deleted.name, orphaned: result.orphaned });
  });
  const what = cert.kind === 'ca' ? 'CA' : 'certificate';

  return (
    <ConfirmDialog
      open={open}
      title={`Delete “${cert.name}”?`}
      text={
        cert.hasPrivateKey
          ? `The ${what} is removed from Anchorage and its private key is destroyed. This cannot be undone.`
          : `The ${what} is removed from Anchorage (it has no private key here). This cannot be undone.`
      }
      confirmLabel={needsForce ? 'Delete anyway' : 'Delete'}
      confirmTestId={TESTIDS.deleteConfirm}
      confirmDisabled={blocked || (needsForce && !anyway)}
      busy={del.busy}
      onConfirm={() => void del.run()}
      onCancel={onClose}
      onExited={onExited}
      initialFocus={!blocked && needsForce ? 'content' : 'cancel'}
      testId={TESTIDS.deleteDialog}
    >
      <Stack spacing={2} sx={{ mt: 2 }}>
        {blocked && (
          <Alert severity="warning" data-testid={TESTIDS.deleteBlocked} sx={{ overflowWrap: 'anywhere' }}>
            {'It cannot be deleted while a profile signs with it. '}
            {`Point ${profiles.length === 1 ? 'profile' : 'profiles'} ${quotedList(profiles)} at another certificate, or remove ${profiles.length === 1 ? 'it' : 'them'}, on the Credentials page first.`}
          </Alert>
        )}
        {needsForce && (
          <>
            <Typography variant="body2" data-testid={TESTIDS.deleteOrphans} sx={{ overflowWrap: 'anywhere' }}>
              {`It issued ${plural(orphans.length, 'certificate')} that ${orphans.length === 1 ? 'is' : 'are'} not revoked: ${quotedList(orphans.map((c) => c.name))}. `}
              {`They stay and keep working, but without an issuer in Anchorage: they can no longer be revoked or renewed here.`}
            </Typography>
            <CheckboxOption
              disabled={blocked}
              checked={anyway}
              onChange={setAnyway}
              autoFocus={!blocked}
              testId={TESTIDS.deleteForce}
              title="Delete the CA anyway"
              help="Or revoke those certificates first, and delete the CA then."
            />
          </>
        )}
        <ErrorAlert error={del.error} />
      </Stack>
    </ConfirmDialog>
  );
}
