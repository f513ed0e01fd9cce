import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { validateArn, validateArnSet } from '../../shared/domain/arn';
import type { ArnSetField, ArnSetIssue } from '../../shared/domain/arn';
import {
  DEFAULT_SESSION_DURATION,
  SESSION_DURATION,
  endpointProblem as endpointRule,
} from '../../shared/domain/limits';
import type { CertificateSummary, Profile } from '../../shared/schemas/models';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ErrorAlert from './ErrorAlert';

export interface ProfileFormProps {
  /** Client certificates to choose from; with one, it is shown fixed. */
  certificates: CertificateSummary[];
  defaultName?: string;
  onSaved: (profile: Profile) => void;
}

const DURATIONS = [
  { seconds: SESSION_DURATION.min, label: '15 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 14400, label: '4 hours' },
  { seconds: SESSION_DURATION.max, label: '12 hours (the maximum)' },
];

const PLACEHOLDER: Record<Exclude<ArnSetField, 'region'>, string> = {
  trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/…',
  profileArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/…',
  roleArn: 'arn:aws:iam::123456789012:role/MyRole',
};

/** The endpoint by core's own rule (https, or http on loopback: shared/domain/limits.ts), in this field's words. */
function endpointProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const problem = endpointRule(text.trim());
  if (!problem) return undefined;
  return problem.facts.reason === 'not-a-url'
    ? 'The endpoint is not a URL; expected e.g. https://rolesanywhere.eu-west-1.amazonaws.com.'
    : 'The endpoint must start with https:// (http:// only for a local emulator on this computer).';
}

/**
 * The ARNs and region of a Roles Anywhere profile, validated as they are typed (shared/arn.ts messages under
 * each field). The region fills itself from the trust anchor ARN until the user types one; a mismatch names
 * both regions.
 */
export default function ProfileForm({ certificates, defaultName = 'anchorage', onSaved }: ProfileFormProps) {
  const [name, setName] = useState(defaultName);
  const [certificate, setCertificate] = useState(certificates[0]?.id ?? '');
  const [trustAnchorArn, setTrustAnchorArn] = useState('');
  const [profileArn, setProfileArn] = useState('');
  const [roleArn, setRoleArn] = useState('');
  const [regionInput, setRegionInput] = useState<string | undefined>();
  const [endpoint, setEndpoint] = useState('');
  const [duration, setDuration] = useState(DEFAULT_SESSION_DURATION);

  const anchorRegion = useMemo(() => {
    const parsed = validateArn('trust-anchor', trustAnchorArn);
    return parsed.ok ? parsed.arn.region : undefined;
  }, [trustAnchorArn]);
  const region = regionInput ?? anchorRegion ?? '';
  const result = useMemo(
    () => validateArnSet({ trustAnchorArn, profileArn, roleArn, region }),
    [trustAnchorArn, profileArn, roleArn, region],
  );
  const issues = result.ok ? [] : result.issues;
  const values: Record<ArnSetField, string> = { trustAnchorArn, profileArn, roleArn, region };
  // An empty field is not an error yet; it is just not done.
  const issueOf = (field: ArnSetField): ArnSetIssue | undefined =>
    values[field].trim() === '' ? undefined : issues.find((i) => i.field === field);
  const endpointError = endpointProblem(endpoint);
  const nameError = name.trim() === '' ? 'Give the profile a name.' : undefined;
  const canSave = result.ok && !endpointError && !nameError && certificate !== '';

  const save = useAction(async () => {
    const profile = await api.profileAdd({
      name: name.trim(),
      certificate,
      trustAnchorArn: trustAnchorArn.trim(),
      profileArn: profileArn.trim(),
      roleArn: roleArn.trim(),
      region: region.trim(),
      durationSeconds: duration,
      ...(endpoint.trim() ? { endpoint: endpoint.trim() } : {}),
    });
    onSaved(profile);
    return profile;
  });

  const arnField = (
    field: Exclude<ArnSetField, 'region'>,
    label: string,
    value: string,
    set: (v: string) => void,
    testId: string,
  ) => {
    const issue = issueOf(field);
    return (
      <TextField
        label={label}
        value={value}
        onChange={(e) => set(e.target.value)}
        error={Boolean(issue)}
        helperText={
          issue
            ? issue.message
            : value.trim() && !issues.some((i) => i.field === field)
              ? 'Looks right.'
              : ' '
        }
        placeholder={PLACEHOLDER[field]}
        required
        slotProps={{
          htmlInput: {
            'data-testid': testId,
            spellCheck: false,
            autoComplete: 'off',
            style: { fontFamily: MONO_FONT, fontSize: 14 },
          },
          formHelperText: { 'data-testid': `${testId}-message` } as object,
        }}
      />
    );
  };

  const regionIssue = issueOf('region');
  const regionHelp = regionIssue
    ? `${regionIssue.message} ${regionIssue.hint}`
    : regionInput === undefined && anchorRegion
      ? `Filled in from the trust anchor ARN (${anchorRegion}).`
      : 'The region of the trust anchor and profile.';

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (canSave) void save.run();
      }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="Profile name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={Boolean(nameError)}
          helperText={nameError ?? 'How you refer to it here, in the CLI and in ~/.aws/config.'}
          required
          slotProps={{ htmlInput: { 'data-testid': TESTIDS.profileName, autoComplete: 'off' } }}
        />
        <TextField
          select
          label="Client certificate"
          value={certificate}
          onChange={(e) => setCertificate(e.target.value)}
          disabled={certificates.length <= 1}
          helperText="Signs the CreateSession request."
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.profileSelect } }}
        >
          {certificates.length === 0 && <option value="">No client certificate yet</option>}
          {certificates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.commonName})
            </option>
          ))}
        </TextField>
      </Stack>
      {arnField(
        'trustAnchorArn',
        'Trust anchor ARN',
        trustAnchorArn,
        setTrustAnchorArn,
        TESTIDS.arnTrustAnchor,
      )}
      {arnField('profileArn', 'Profile ARN', profileArn, setProfileArn, TESTIDS.arnProfile)}
      {arnField('roleArn', 'Role ARN', roleArn, setRoleArn, TESTIDS.arnRole)}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="Region"
          value={region}
          onChange={(e) => setRegionInput(e.target.value)}
          error={Boolean(regionIssue)}
          helperText={regionHelp}
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.region, spellCheck: false, autoComplete: 'off' },
            formHelperText: { 'data-testid': TESTIDS.regionNote } as object,
          }}
        />
        <TextField
          select
          label="Session length"
          value={duration}
          onChange={(e) => setDuration(Number(e.target.value))}
          helperText="The role's maximum session duration must allow it."
          slotProps={{ select: { native: true } }}
        >
          {DURATIONS.map((d) => (
            <option key={d.seconds} value={d.seconds}>
              {d.label}
            </option>
          ))}
        </TextField>
      </Stack>
      <Divider textAlign="left">
        <Typography variant="caption" color="text.secondary">
          Advanced
        </Typography>
      </Divider>
      <TextField
        label="Endpoint (optional)"
        value={endpoint}
        onChange={(e) => setEndpoint(e.target.value)}
        error={Boolean(endpointError)}
        helperText={
          endpointError ?? 'Leave empty for AWS. Set it for a VPC endpoint, or a local emulator when testing.'
        }
        placeholder="https://rolesanywhere.eu-west-1.amazonaws.com"
        slotProps={{ htmlInput: { 'data-testid': TESTIDS.endpoint, spellCheck: false, autoComplete: 'off' } }}
      />
      <ErrorAlert error={save.error} onClose={save.clearError} />
      <div>
        <Button
          type="submit"
          variant="contained"
          disabled={!canSave || save.busy}
          data-testid={TESTIDS.profileSave}
        >
          {save.busy ? 'Saving…' : 'Save profile'}
        </Button>
      </div>
    </Stack>
  );
}
