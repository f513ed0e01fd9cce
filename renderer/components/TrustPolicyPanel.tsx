import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { validateArn } from '../../shared/domain/arn';
import { TRUST_ANCHOR_ARN_PLACEHOLDER, trustPolicyJson } from '../../shared/domain/trust-policy';
import { usePublicCopy } from '../hooks/use-public-copy';
import { useSaveText } from '../hooks/use-save-text';
import { TESTIDS } from '../testids';
import CodeBlock from './CodeBlock';
import ConfirmDialog from './ConfirmDialog';
import ErrorAlert from './ErrorAlert';

export interface TrustPolicyPanelProps {
  /** The client certificate's CN, for the aws:PrincipalTag/x509Subject/CN condition. */
  commonName?: string;
  /** The trust anchor ARN for the aws:SourceArn condition; with `onTrustAnchorArnChange`, the caller keeps it. */
  trustAnchorArn?: string;
  onTrustAnchorArnChange?: (arn: string) => void;
}

/** What would leave the wizard unfinished in the policy text, in a sentence; undefined when it is complete. */
function placeholderProblem(requireAnchor: boolean, arn: string): string | undefined {
  if (!requireAnchor) return undefined;
  if (arn.trim() === '') {
    return (
      `The aws:SourceArn condition still holds a placeholder (${TRUST_ANCHOR_ARN_PLACEHOLDER}). IAM accepts ` +
      'the policy, but no session will match it: paste your trust anchor ARN above first.'
    );
  }
  const check = validateArn('trust-anchor', arn);
  return check.ok
    ? undefined
    : `The aws:SourceArn condition holds text that is not a trust anchor ARN: ${check.message}`;
}

/**
 * The role's trust policy (rolesanywhere.amazonaws.com; AssumeRole, TagSession, SetSourceIdentity), with two
 * optional conditions that narrow who may assume the role: the certificate's CN, and the trust anchor. A policy
 * that still holds the placeholder (or a malformed ARN) is never copied or saved without a warning the user
 * confirms (issue 10 §1): pasted into IAM it would lock every session out.
 */
export default function TrustPolicyPanel({
  commonName,
  trustAnchorArn,
  onTrustAnchorArnChange,
}: TrustPolicyPanelProps) {
  const [requireCn, setRequireCn] = useState(false);
  // A stored ARN means the user turned the condition on last time.
  const [requireAnchor, setRequireAnchor] = useState(Boolean(trustAnchorArn));
  const [ownArn, setOwnArn] = useState(trustAnchorArn ?? '');
  const controlled = onTrustAnchorArnChange !== undefined;
  const anchorArn = controlled ? (trustAnchorArn ?? '') : ownArn;
  const setAnchorArn = controlled ? onTrustAnchorArnChange : setOwnArn;
  const [confirming, setConfirming] = useState<'copy' | 'save'>();
  // The warning as it was when the dialog opened (it must not change while the dialog closes).
  const [warned, setWarned] = useState('');
  const copy = usePublicCopy();
  const save = useSaveText();

  const json = useMemo(
    () =>
      trustPolicyJson({
        ...(requireCn && commonName ? { commonName } : {}),
        ...(requireAnchor ? { trustAnchorArn: anchorArn } : {}),
      }),
    [requireCn, requireAnchor, anchorArn, commonName],
  );
  const anchorCheck = anchorArn.trim() ? validateArn('trust-anchor', anchorArn) : undefined;
  const problem = placeholderProblem(requireAnchor, anchorArn);

  const doCopy = () => void copy.run('Trust policy', json);
  const doSave = () => void save.run('trust-policy.json', json);
  const ask = (what: 'copy' | 'save', why: string) => {
    setWarned(why);
    setConfirming(what);
  };

  return (
    <Stack spacing={1.5}>
      <Stack spacing={0.5}>
        <FormControlLabel
          control={
            <Switch
              checked={requireCn}
              disabled={!commonName}
              onChange={(e) => setRequireCn(e.target.checked)}
              slotProps={{ input: { 'data-testid': TESTIDS.trustPolicyCn } as object }}
            />
          }
          label={
            commonName ? `Only certificates with CN “${commonName}”` : 'Only certificates with a given CN'
          }
        />
        <FormControlLabel
          control={
            <Switch
              checked={requireAnchor}
              onChange={(e) => setRequireAnchor(e.target.checked)}
              slotProps={{ input: { 'data-testid': TESTIDS.trustPolicySourceArn } as object }}
            />
          }
          label="Only sessions through my trust anchor (aws:SourceArn)"
        />
        {requireAnchor && (
          <TextField
            label="Trust anchor ARN"
            size="small"
            value={anchorArn}
            onChange={(e) => setAnchorArn(e.target.value)}
            placeholder={TRUST_ANCHOR_ARN_PLACEHOLDER}
            error={anchorCheck?.ok === false}
            helperText={
              anchorCheck?.ok === false
                ? anchorCheck.message
                : 'Paste it after creating the trust anchor (console step 1); until then the policy shows a placeholder.'
            }
            slotProps={{
              htmlInput: {
                'data-testid': TESTIDS.trustPolicySourceArnValue,
                spellCheck: false,
                autoComplete: 'off',
              },
            }}
          />
        )}
      </Stack>
      <CodeBlock
        label="Trust policy (JSON)"
        text={json}
        testId={TESTIDS.trustPolicy}
        copyTestId={TESTIDS.trustPolicyCopy}
        saveTestId={TESTIDS.trustPolicySave}
        onCopy={() => (problem ? ask('copy', problem) : doCopy())}
        onSave={() => (problem ? ask('save', problem) : doSave())}
      />
      {problem && (
        <Alert severity="warning" data-testid={TESTIDS.trustPolicyPlaceholder}>
          {problem}
        </Alert>
      )}
      <Typography variant="caption" color="text.secondary">
        Paste it as the role's “Custom trust policy”. Roles Anywhere tags each session with the certificate's
        subject, so the CN condition works without extra setup.
      </Typography>
      {save.savedTo && <Alert severity="success">Saved to {save.savedTo}.</Alert>}
      <ErrorAlert error={copy.error ?? save.error} />
      <ConfirmDialog
        open={confirming !== undefined}
        title={confirming === 'save' ? 'Save the policy unfinished?' : 'Copy the policy unfinished?'}
        text={warned}
        confirmLabel={confirming === 'save' ? 'Save anyway' : 'Copy anyway'}
        confirmTestId={TESTIDS.trustPolicyCopyAnyway}
        onCancel={() => setConfirming(undefined)}
        onConfirm={() => {
          if (confirming === 'save') doSave();
          else doCopy();
          setConfirming(undefined);
        }}
      />
    </Stack>
  );
}
