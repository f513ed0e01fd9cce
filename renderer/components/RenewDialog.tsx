import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import DialogContentText from '@mui/material/DialogContentText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { validityDaysProblem } from '../../shared/domain/limits';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import { validityDays } from '../certificate-relations';
import { focusFirstField } from '../focus-first-field';
import { quotedList } from '../format';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import DaysField from './DaysField';
import ErrorAlert from './ErrorAlert';
import FormConfirmDialog from './FormConfirmDialog';
import CheckboxOption from './CheckboxOption';

/** What a renewal did, for the page to show (the new certificate in the drawer, or the CA's bundle). */
export type RenewOutcome =
  | { kind: 'client'; certificate: CertificateSummary; previous: CertificateSummary; profilesMoved: string[] }
  | { kind: 'ca'; ca: CertificateSummary; bundlePem: string };

export interface RenewDialogProps {
  cert: CertificateSummary;
  /** The CA that issued a client certificate (its name is shown), when it is in Anchorage. */
  issuer: CertificateSummary | undefined;
  /** Profiles that sign with the client certificate: they move to the new one. */
  profiles: readonly string[];
  /** For a CA: what it issued that is still in force, which keeps working. */
  issued: readonly CertificateSummary[];
  open: boolean;
  onClose: () => void;
  onRenewed: (outcome: RenewOutcome) => void | Promise<void>;
  onExited: () => void;
}

/**
 * Renew a client certificate (a successor: new key and serial, same subject; its profiles move to it) or a CA
 * (in place: same key, subject and id, so what it issued keeps validating; the trust anchor then needs both).
 */
export default function RenewDialog(props: RenewDialogProps) {
  const { cert, issuer, profiles, issued, open, onClose, onRenewed, onExited } = props;
  const isCa = cert.kind === 'ca';
  const oldDays = validityDays(cert);
  const [days, setDays] = useState(oldDays);
  const [revokeOld, setRevokeOld] = useState(false);
  const renew = useAction(async () => {
    if (!isCa) {
      const result = await api.certRenew({ ref: cert.id, days, ...(revokeOld ? { revokeOld } : {}) });
      await onRenewed({ kind: 'client', ...result });
      return;
    }
    // Core hands back the trust anchor's next bundle (new + old), needed until every chain names the new one.
    const { ca, bundlePem } = await api.caRenew({ ref: cert.id, days });
    await onRenewed({ kind: 'ca', ca, bundlePem });
  });
  const ready = validityDaysProblem(days, new Date()) === undefined;

  return (
    <FormConfirmDialog
      open={open}
      title={`Renew “${cert.name}”`}
      onClose={onClose}
      onExited={onExited}
      onSubmit={() => void renew.run()}
      ready={ready}
      busy={renew.busy}
      confirmLabel={isCa ? 'Renew CA' : 'Renew'}
      busyLabel="Renewing…"
      testId={TESTIDS.renewDialog}
      confirmTestId={TESTIDS.renewConfirm}
    >
      <Stack spacing={2}>
        <Box ref={focusFirstField} sx={{ pt: 1 }}>
          <DaysField
            days={days}
            onChange={setDays}
            advice={`This one was valid for ${oldDays} days.`}
            disabled={false}
            readOnly={renew.busy}
            testId={TESTIDS.renewDays}
          />
        </Box>
        {isCa ? (
          <CaRenewText issued={issued} />
        ) : (
          <ClientRenewText cert={cert} issuer={issuer} profiles={profiles} />
        )}
        {!isCa && (
          <CheckboxOption
            checked={revokeOld}
            onChange={setRevokeOld}
            testId={TESTIDS.renewRevokeOld}
            title="Also revoke the old certificate"
            help="When its key may have leaked. Otherwise it keeps working until it expires, marked superseded."
          />
        )}
        <ErrorAlert error={renew.error} />
      </Stack>
    </FormConfirmDialog>
  );
}

function ClientRenewText(props: {
  cert: CertificateSummary;
  issuer: CertificateSummary | undefined;
  profiles: readonly string[];
}) {
  const { cert, issuer, profiles } = props;
  return (
    <>
      <DialogContentText>
        {`A new key and certificate with the same subject${issuer ? `, from “${issuer.name}”` : ''}. The new one takes the name “${cert.name}”; this one is renamed “… (old …)” and marked superseded.`}
      </DialogContentText>
      <Typography variant="body2" data-testid={TESTIDS.renewAffects} sx={{ overflowWrap: 'anywhere' }}>
        {profiles.length === 0
          ? 'No profile signs with it.'
          : `${profiles.length === 1 ? 'Profile' : 'Profiles'} ${quotedList(profiles)} ${profiles.length === 1 ? 'moves' : 'move'} to the new certificate (their cached sessions are dropped).`}
      </Typography>
    </>
  );
}

function CaRenewText({ issued }: { issued: readonly CertificateSummary[] }) {
  const working = issued.filter((c) => c.status !== 'expired');
  return (
    <>
      <DialogContentText>
        A new certificate for the same key and subject, in place: the CA keeps its name, and everything it
        issued keeps validating against the old and the new CA certificate.
      </DialogContentText>
      <Alert severity="warning">
        Then update the trust anchor in Roles Anywhere so that it holds both the new and the old CA
        certificate: Anchorage offers the bundle (new + old) to save once the CA is renewed.
      </Alert>
      <Typography variant="body2" data-testid={TESTIDS.renewAffects} sx={{ overflowWrap: 'anywhere' }}>
        {working.length === 0
          ? 'It has issued no certificate that is still in force.'
          : `These keep working: ${quotedList(working.map((c) => c.name))}.`}
      </Typography>
    </>
  );
}
