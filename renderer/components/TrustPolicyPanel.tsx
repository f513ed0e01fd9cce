import { useMemo, useState } from 'react';
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
import ErrorAlert from './ErrorAlert';

/**
 * The role's trust policy (rolesanywhere.amazonaws.com; AssumeRole, TagSession, SetSourceIdentity), with two
 * optional conditions that narrow who may assume the role: the certificate's CN, and the trust anchor.
 */
export default function TrustPolicyPanel({ commonName }: { commonName?: string }) {
  const [requireCn, setRequireCn] = useState(false);
  const [requireAnchor, setRequireAnchor] = useState(false);
  const [anchorArn, setAnchorArn] = useState('');
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
            slotProps={{ htmlInput: { 'data-testid': TESTIDS.trustPolicySourceArnValue, spellCheck: false } }}
          />
        )}
      </Stack>
      <CodeBlock
        label="Trust policy (JSON)"
        text={json}
        testId={TESTIDS.trustPolicy}
        copyTestId={TESTIDS.trustPolicyCopy}
        saveTestId={TESTIDS.trustPolicySave}
        onCopy={() => void copy.run('Trust policy', json)}
        onSave={() => void save.run('trust-policy.json', json)}
      />
      <Typography variant="caption" color="text.secondary">
        Paste it as the role's “Custom trust policy”. Roles Anywhere tags each session with the certificate's
        subject, so the CN condition works without extra setup.
      </Typography>
      <ErrorAlert error={copy.error ?? save.error} />
    </Stack>
  );
}
