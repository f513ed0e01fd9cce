import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import { quotedList } from '../format';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import ConfirmDialog from './ConfirmDialog';
import ErrorAlert from './ErrorAlert';

export interface RevokeDialogProps {
  cert: CertificateSummary;
  /** Profiles that sign with it: they stop working. */
  profiles: readonly string[];
  open: boolean;
  onClose: () => void;
  onRevoked: (cert: CertificateSummary) => void | Promise<void>;
  onExited: () => void;
}

/**
 * Revoke a client certificate, naming the profiles that stop working: Anchorage refuses a revoked certificate
 * at once, and AWS does once the CA's new CRL is imported into Roles Anywhere.
 */
export default function RevokeDialog(props: RevokeDialogProps) {
  const { cert, profiles, open, onClose, onRevoked, onExited } = props;
  const revoke = useAction(async () => {
    await onRevoked(await api.certRevoke({ ref: cert.id }));
  });
  return (
    <ConfirmDialog
      open={open}
      title={`Revoke “${cert.name}”?`}
      text="The certificate goes on the CA's revocation list. Once you import the new CRL into Roles Anywhere, AWS refuses sessions signed with it. This cannot be undone."
      confirmLabel="Revoke"
      confirmTestId={TESTIDS.revokeConfirm}
      busy={revoke.busy}
      onConfirm={() => void revoke.run()}
      onCancel={onClose}
      onExited={onExited}
      testId={TESTIDS.revokeDialog}
    >
      <Typography
        variant="body2"
        data-testid={TESTIDS.revokeAffects}
        sx={{ mt: 2, fontWeight: profiles.length > 0 ? 600 : undefined, overflowWrap: 'anywhere' }}
      >
        {profiles.length === 0
          ? 'No profile signs with it.'
          : `${profiles.length === 1 ? 'The profile' : 'The profiles'} ${quotedList(profiles)} ${profiles.length === 1 ? 'stops' : 'stop'} working: Anchorage no longer signs sessions with a revoked certificate. To move ${profiles.length === 1 ? 'it' : 'them'} to a new certificate as well, choose Renew with “Also revoke the old certificate” instead.`}
      </Typography>
      <ErrorAlert error={revoke.error} sx={{ mt: 2 }} />
    </ConfirmDialog>
  );
}
