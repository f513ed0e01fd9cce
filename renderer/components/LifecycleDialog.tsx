import type { CertificateSummary } from '../../shared/schemas/models';
import { issuedBy, profilesUsing, unrevokedIssued } from '../certificate-relations';
import type { ProfileRef } from '../certificate-relations';
import AwsSyncDialog from './AwsSyncDialog';
import type { LifecycleVerb } from './CertificateActionsMenu';
import DeleteDialog from './DeleteDialog';
import RenameDialog from './RenameDialog';
import RenewDialog from './RenewDialog';
import type { RenewOutcome } from './RenewDialog';
import RevokeDialog from './RevokeDialog';

export interface LifecycleDialogProps {
  verb: LifecycleVerb;
  /** The certificate as it was when the dialog opened (its title keeps that name while it closes). */
  cert: CertificateSummary;
  certs: readonly CertificateSummary[];
  profiles: readonly ProfileRef[];
  open: boolean;
  onClose: () => void;
  onExited: () => void;
  onRenamed: (result: { previousName: string; certificate: CertificateSummary }) => Promise<void>;
  onRenewed: (outcome: RenewOutcome) => Promise<void>;
  onRevoked: (cert: CertificateSummary) => Promise<void>;
  onDeleted: (result: { name: string; orphaned: string[] }) => Promise<void>;
}

/**
 * The confirmation of one lifecycle verb, with what it affects computed from the lists the page holds: the
 * profiles that sign with the certificate, and what a CA issued.
 */
export default function LifecycleDialog(props: LifecycleDialogProps) {
  const { verb, cert, certs, profiles, open, onClose, onExited } = props;
  const usedBy = profilesUsing(cert, profiles);
  const common = { cert, open, onClose, onExited };
  switch (verb) {
    case 'rename':
      return <RenameDialog {...common} certs={certs} profiles={usedBy} onRenamed={props.onRenamed} />;
    case 'renew':
      return (
        <RenewDialog
          {...common}
          issuer={certs.find((c) => c.id === cert.issuerId)}
          profiles={usedBy}
          issued={unrevokedIssued(cert, certs)}
          onRenewed={props.onRenewed}
        />
      );
    case 'revoke':
      return <RevokeDialog {...common} profiles={usedBy} onRevoked={props.onRevoked} />;
    case 'push-crl':
    case 'update-anchor':
      return (
        <AwsSyncDialog
          {...common}
          action={verb}
          revoked={issuedBy(cert, certs).filter((c) => c.status === 'revoked').length}
        />
      );
    case 'delete':
      return (
        <DeleteDialog
          {...common}
          profiles={usedBy}
          orphans={cert.kind === 'ca' ? unrevokedIssued(cert, certs) : []}
          onDeleted={props.onDeleted}
        />
      );
  }
}
