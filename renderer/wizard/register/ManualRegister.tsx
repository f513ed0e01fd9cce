import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { partitionOfRegion } from '../../../shared/domain/regions';
import type { ErrorInfo } from '../../../shared/errors';
import type { CertificateSummary } from '../../../shared/schemas/models';
import { api, toErrorInfo } from '../../api';
import CodeBlock from '../../components/CodeBlock';
import ConsoleStepsList from '../../components/ConsoleStepsList';
import type { ConsoleStepLink } from '../../components/ConsoleStepsList';
import ErrorAlert from '../../components/ErrorAlert';
import RegionSelect from '../../components/RegionSelect';
import TrustPolicyPanel from '../../components/TrustPolicyPanel';
import { useLoad } from '../../hooks/use-load';
import { usePublicCopy } from '../../hooks/use-public-copy';
import { useSaveText } from '../../hooks/use-save-text';
import { TESTIDS } from '../../testids';
import { consoleLinks } from '../console-links';

export interface ManualRegisterProps {
  ca: CertificateSummary;
  client: CertificateSummary | undefined;
  /** The region chosen here (console links), carried into step 4. */
  region: string | undefined;
  /** The trust anchor ARN typed for the policy's aws:SourceArn condition, carried into step 4. */
  trustAnchorArn: string | undefined;
  onChange: (patch: { region?: string; trustAnchorArn?: string }) => void;
}

/** A file name from the CA's name: "Anchorage Root CA" → "anchorage-root-ca.pem". */
const pemFileName = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ca'
  }.pem`;

/** The console links of each console step (trust anchor, role, profile, ARNs) for a region. */
function stepLinks(region: string | undefined): Array<ConsoleStepLink | undefined> {
  const links = consoleLinks(region);
  if (!links) return [];
  const where = region ? ` (${region})` : '';
  const rolesAnywhere = {
    label: `Open the IAM Roles Anywhere console${where} in your browser`,
    url: links.rolesAnywhere,
  };
  return [
    rolesAnywhere,
    { label: 'Open the IAM console (Roles) in your browser', url: links.iam },
    rolesAnywhere,
    undefined,
  ];
}

/** Step 3 by hand: everything to paste into the AWS console, and the order to do it in. */
export default function ManualRegister(props: ManualRegisterProps) {
  const { ca, client, region, trustAnchorArn, onChange } = props;
  const pem = useLoad(() => api.certPem({ ref: ca.id }));
  const copy = usePublicCopy();
  const save = useSaveText();
  const [openError, setOpenError] = useState<ErrorInfo>();
  // Called straight from the click (the preload forwards openExternal only during a user gesture), and never
  // dropped while an earlier one is answered: each click opens its page.
  const open = (url: string) => {
    setOpenError(undefined);
    api.appOpenExternal({ url }).catch((e: unknown) => setOpenError(toErrorInfo(e)));
  };
  const text = pem.data?.pem ?? '';
  const partition = region ? partitionOfRegion(region) : undefined;

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
        <TrustPolicyPanel
          commonName={client?.commonName}
          trustAnchorArn={trustAnchorArn}
          onTrustAnchorArnChange={(arn) => onChange({ trustAnchorArn: arn })}
        />
      </Stack>
      <Stack spacing={1.5}>
        <Typography variant="subtitle1" component="h3">
          In the AWS console
        </Typography>
        <RegionSelect
          value={region}
          onChange={(value) => onChange({ region: value })}
          helperText="Where you create the trust anchor and profile; the console links open there, and step 4 starts with it."
          testId={TESTIDS.registerRegion}
        />
        {partition && partition.id !== 'aws' && (
          <Alert severity="info">
            {partition.name} has a console of its own; sign in to it and open IAM Roles Anywhere in {region}.
          </Alert>
        )}
        <ConsoleStepsList
          caName={ca.name}
          {...(region ? { region } : {})}
          links={stepLinks(region)}
          onOpen={open}
        />
        <ErrorAlert error={openError} onClose={() => setOpenError(undefined)} />
      </Stack>
    </Stack>
  );
}
