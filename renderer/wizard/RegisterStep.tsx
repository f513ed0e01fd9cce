import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import CodeBlock from '../components/CodeBlock';
import ConsoleStepsList from '../components/ConsoleStepsList';
import ErrorAlert from '../components/ErrorAlert';
import TrustPolicyPanel from '../components/TrustPolicyPanel';
import { useLoad } from '../hooks/use-load';
import { usePublicCopy } from '../hooks/use-public-copy';
import { useSaveText } from '../hooks/use-save-text';
import { TESTIDS } from '../testids';

export interface RegisterStepProps {
  ca: CertificateSummary;
  client: CertificateSummary | undefined;
}

/** A file name from the CA's name: "Anchorage Root CA" → "anchorage-root-ca.pem". */
const pemFileName = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ca'
  }.pem`;

/** Step 3: everything to paste into the AWS console, and the order to do it in. */
export default function RegisterStep({ ca, client }: RegisterStepProps) {
  const pem = useLoad(() => api.certPem({ ref: ca.id }));
  const copy = usePublicCopy();
  const save = useSaveText();
  const text = pem.data?.pem ?? '';

  return (
    <Stack spacing={4}>
      <Stack spacing={1.5}>
        <Typography variant="subtitle1" component="h3">
          Trust anchor certificate
        </Typography>
        <Typography variant="body2" color="text.secondary">
          The CA certificate (public, no key). Paste it when you create the trust anchor.
        </Typography>
        <ErrorAlert error={pem.error} />
        <CodeBlock
          label={`${ca.name} (PEM)`}
          text={pem.loading && !text ? 'Loading…' : text}
          testId={TESTIDS.trustAnchorPem}
          copyTestId={TESTIDS.trustAnchorCopy}
          saveTestId={TESTIDS.trustAnchorSave}
          onCopy={text ? () => void copy.run('CA certificate', text) : undefined}
          onSave={text ? () => void save.run(pemFileName(ca.name), text) : undefined}
          maxHeight={180}
        />
        {save.savedTo && <Alert severity="success">Saved to {save.savedTo}.</Alert>}
        <ErrorAlert error={copy.error ?? save.error} />
      </Stack>
      <Stack spacing={1.5}>
        <Typography variant="subtitle1" component="h3">
          Role trust policy
        </Typography>
        <TrustPolicyPanel commonName={client?.commonName} />
      </Stack>
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h3">
          In the AWS console
        </Typography>
        <ConsoleStepsList caName={ca.name} />
      </Stack>
    </Stack>
  );
}
