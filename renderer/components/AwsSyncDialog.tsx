import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import DialogContentText from '@mui/material/DialogContentText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { validateArn } from '../../shared/domain/arn';
import type { ChannelResponse } from '../../shared/schemas/contract';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import { plural } from '../format';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { initialSource, sourceOptions } from '../operator-sources';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ErrorAlert from './ErrorAlert';
import FormConfirmDialog from './FormConfirmDialog';
import Loading from './Loading';
import OperatorSourceSelect from './OperatorSourceSelect';
import RegionSelect from './RegionSelect';

/** The two ways the drawer keeps AWS in step with a CA (issue 12 §4). */
type AwsSyncAction = 'push-crl' | 'update-anchor';

type Outcome =
  | { action: 'push-crl'; result: ChannelResponse<'aws.pushCrl'> }
  | { action: 'update-anchor'; result: ChannelResponse<'aws.updateAnchor'> };

export interface AwsSyncDialogProps {
  action: AwsSyncAction;
  /** The CA whose CRL or certificate goes to AWS. */
  cert: CertificateSummary;
  /** How many certificates it issued are revoked (what its CRL lists). */
  revoked: number;
  open: boolean;
  onClose: () => void;
  /** After the closing transition: the caller moves the focus. */
  onExited: () => void;
}

const WORDS: Record<AwsSyncAction, { title: string; confirm: string; busy: string }> = {
  'push-crl': { title: 'Push the CRL of', confirm: 'Push CRL', busy: 'Pushing…' },
  'update-anchor': { title: 'Update the trust anchor of', confirm: 'Update trust anchor', busy: 'Updating…' },
};

/** What the call did, in a sentence. */
function outcomeText(outcome: Outcome): string {
  if (outcome.action === 'push-crl') {
    const r = outcome.result;
    return `${r.action === 'imported' ? 'Imported' : 'Updated'} the CRL “${r.name}”${r.enabled ? ' and enabled it' : ''}: AWS now refuses the ${plural(r.revoked, 'revoked certificate')} it lists.`;
  }
  const r = outcome.result;
  return r.action === 'updated'
    ? `Updated: the trust anchor’s bundle holds ${plural(r.certificates, 'certificate')}, so certificates chained to the new or the old CA certificate both work.`
    : `Nothing to change: the trust anchor already holds the CA’s current certificate (${plural(r.certificates, 'certificate')} in its bundle).`;
}

/**
 * Push a CA's CRL to its trust anchor (ImportCrl, then UpdateCrl), or update the trust anchor after a CA renewal
 * (UpdateTrustAnchor with the new and old certificates): whose AWS credentials, which region, optionally which
 * trust anchor; then what happened, or the error and what to do.
 */
export default function AwsSyncDialog(props: AwsSyncDialogProps) {
  const { action, cert, revoked, open, onClose, onExited } = props;
  const sources = useLoad(() => api.awsSources());
  const [source, setSource] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [anchorArn, setAnchorArn] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  const resultTitle = useRef<HTMLDivElement>(null);
  const words = WORDS[action];

  const chosen = source ?? (sources.data ? initialSource(sources.data) : undefined);
  const operator = sources.data
    ? sourceOptions(sources.data).find((o) => o.value === chosen)?.source
    : undefined;
  const defaultRegion = sources.data?.defaultRegion;
  const anchorCheck = anchorArn.trim() ? validateArn('trust-anchor', anchorArn) : undefined;
  const ready =
    operator !== undefined &&
    (region !== undefined || defaultRegion !== undefined) &&
    anchorCheck?.ok !== false;

  const call = useAction(async () => {
    if (!operator) return;
    const input = {
      operator,
      ca: cert.id,
      ...(region ? { region } : {}),
      ...(anchorArn.trim() ? { trustAnchorArn: anchorArn.trim() } : {}),
    };
    setOutcome(
      action === 'push-crl'
        ? { action, result: await api.awsPushCrl(input) }
        : { action, result: await api.awsUpdateAnchor(input) },
    );
  });
  // The result replaces the button that was pressed: the focus goes to it.
  useEffect(() => {
    if (outcome) resultTitle.current?.focus();
  }, [outcome]);

  return (
    <FormConfirmDialog
      open={open}
      title={`${words.title} “${cert.name}” ${action === 'push-crl' ? 'to AWS' : 'in AWS'}`}
      onClose={onClose}
      onExited={onExited}
      onSubmit={() => void call.run()}
      ready={ready}
      busy={call.busy}
      done={outcome !== undefined}
      confirmLabel={call.error ? 'Try again' : words.confirm}
      busyLabel={words.busy}
      testId={TESTIDS.awsDialog}
      confirmTestId={TESTIDS.awsSubmit}
    >
      <Stack spacing={2.5}>
        <DialogContentText>
          {action === 'push-crl'
            ? `The CA’s revocation list goes to its trust anchor in IAM Roles Anywhere (imported the first time, updated after) and is enabled: AWS then refuses sessions of ${revoked === 0 ? 'the certificates it revokes (none yet)' : `the ${plural(revoked, 'revoked certificate')}`}.`
            : 'The trust anchor’s bundle gets the CA’s current certificate beside its earlier ones still valid, so certificates chained to either keep working during the changeover.'}
        </DialogContentText>
        {sources.loading && !sources.data && <Loading label="Loading the AWS credentials choices" />}
        <ErrorAlert error={sources.error} onRetry={() => void sources.reload()} />
        {sources.data && (
          <>
            <OperatorSourceSelect
              sources={sources.data}
              value={chosen ?? ''}
              onChange={setSource}
              testId={TESTIDS.awsSource}
            />
            <RegionSelect
              value={region}
              onChange={setRegion}
              helperText={
                defaultRegion
                  ? 'Where the trust anchor is.'
                  : 'Where the trust anchor is: the AWS configuration gives no region.'
              }
              configuredRegion={defaultRegion}
              testId={TESTIDS.awsRegion}
            />
            <TextField
              label="Trust anchor ARN (optional)"
              value={anchorArn}
              onChange={(e) => setAnchorArn(e.target.value)}
              error={anchorCheck?.ok === false}
              helperText={
                anchorCheck?.ok === false
                  ? anchorCheck.message
                  : 'Leave empty: Anchorage finds the trust anchor that holds this CA.'
              }
              slotProps={{
                htmlInput: {
                  'data-testid': TESTIDS.awsTrustAnchorArn,
                  spellCheck: false,
                  autoComplete: 'off',
                },
              }}
            />
          </>
        )}
        <ErrorAlert error={call.error} />
        {outcome && (
          <Alert
            severity="success"
            data-testid={TESTIDS.awsResult}
            sx={{ '& .MuiAlert-message': { minWidth: 0 } }}
          >
            <AlertTitle ref={resultTitle} tabIndex={-1} sx={{ outline: 'none' }}>
              Done
            </AlertTitle>
            <Typography variant="body2">{outcomeText(outcome)}</Typography>
            <Box sx={{ fontFamily: MONO_FONT, fontSize: 12.5, wordBreak: 'break-all', mt: 0.5 }}>
              {outcome.result.trustAnchorArn}
            </Box>
          </Alert>
        )}
      </Stack>
    </FormConfirmDialog>
  );
}
