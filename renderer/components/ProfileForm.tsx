import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { validateArn, validateArnSet } from '../../shared/domain/arn';
import type { ArnSetField, ArnSetIssue } from '../../shared/domain/arn';
import { DEFAULT_SESSION_DURATION } from '../../shared/domain/limits';
import { endpointProblem } from '../endpoint-field';
import { nextFreeName, sameProfileName } from '../../shared/domain/names';
import type { CertificateSummary, Profile } from '../../shared/schemas/models';
import { api, toErrorInfo } from '../api';
import { isUsable, preselectCertificate } from '../certificate-choice';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { profilePatch } from '../profile-patch';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import CertificatePicker from './CertificatePicker';
import ConfirmDialog from './ConfirmDialog';
import ErrorAlert from './ErrorAlert';
import SessionLengthSelect from './SessionLengthSelect';

export interface ProfileFormProps {
  /** Every client certificate; the picker shows each one's status and offers only the usable ones. */
  certificates: CertificateSummary[];
  /** The certificate to start with, when it is usable (else the first usable one). */
  preferredCertificateId?: string;
  /** The proposed name (add mode); else the next free one of anchorage, anchorage-2, … */
  defaultName?: string;
  /** Edit this profile in place: every field prefilled, the name fixed, Save sends only what changed. */
  initial?: Profile;
  /** Prefills for a new profile (the wizard carries them over from step 3). */
  defaults?: { trustAnchorArn?: string; region?: string };
  onSaved: (profile: Profile) => void;
}

const PLACEHOLDER: Record<Exclude<ArnSetField, 'region'>, string> = {
  trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/…',
  profileArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/…',
  roleArn: 'arn:aws:iam::123456789012:role/MyRole',
};

export const REGION_MISSING = 'Fill in the region, or paste the trust anchor ARN first.';

function regionOf(trustAnchorArn: string): string | undefined {
  const parsed = validateArn('trust-anchor', trustAnchorArn);
  return parsed.ok ? parsed.arn.region : undefined;
}

/**
 * A Roles Anywhere profile, added or edited in place (issue 10 §2). The ARNs are validated as they are typed
 * (shared/domain/arn.ts messages under each field); the region follows the trust anchor ARN until the user types
 * one, and a missing region is said on the field, never by a schema message. A name already in use turns Save
 * into an explicit, confirmed "Replace".
 */
export default function ProfileForm(props: ProfileFormProps) {
  const { certificates, preferredCertificateId, defaultName, initial, defaults, onSaved } = props;
  const names = useLoad(() => api.profileList().then((list) => list.map((p) => p.name)));
  const [nameInput, setNameInput] = useState<string>();
  const [certificateInput, setCertificateInput] = useState<string>();
  const [trustAnchorArn, setTrustAnchorArn] = useState(
    initial?.trustAnchorArn ?? defaults?.trustAnchorArn ?? '',
  );
  const [profileArn, setProfileArn] = useState(initial?.profileArn ?? '');
  const [roleArn, setRoleArn] = useState(initial?.roleArn ?? '');
  // Undefined while the region follows the trust anchor ARN; a saved region that differs is kept as typed.
  const [regionInput, setRegionInput] = useState<string | undefined>(
    initial && initial.region !== regionOf(initial.trustAnchorArn) ? initial.region : undefined,
  );
  const [endpoint, setEndpoint] = useState(initial?.endpoint ?? '');
  const [duration, setDuration] = useState(initial?.durationSeconds ?? DEFAULT_SESSION_DURATION);
  const [confirmReplace, setConfirmReplace] = useState(false);

  const taken = names.data ?? (names.error ? [] : undefined);
  const proposed =
    initial?.name ?? defaultName ?? (taken && nextFreeName('anchorage', taken, sameProfileName));
  const name = initial ? initial.name : (nameInput ?? proposed ?? '');
  const nameTaken = !initial && (taken ?? []).some((n) => sameProfileName(n, name.trim()));

  const currentCert = initial && certificates.find((c) => c.id === initial.certificateId);
  const certificate =
    certificateInput ??
    (currentCert && isUsable(currentCert)
      ? currentCert.id
      : preselectCertificate(certificates, preferredCertificateId));

  const anchorRegion = useMemo(() => regionOf(trustAnchorArn), [trustAnchorArn]);
  const regionShown = regionInput ?? anchorRegion ?? defaults?.region ?? '';
  // An emptied field means "the trust anchor's region", as shared/domain/arn.ts's hint says.
  const region = regionShown.trim() || anchorRegion || '';
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
  const nameError = name.trim() === '' && proposed !== undefined ? 'Give the profile a name.' : undefined;
  const regionMissing = region === '';
  const formValues = {
    certificate,
    trustAnchorArn,
    profileArn,
    roleArn,
    region,
    durationSeconds: duration,
    endpoint,
  };
  const patch = initial ? profilePatch(initial, formValues) : undefined;
  const unchanged = patch !== undefined && Object.keys(patch).length === 0;
  const canSave =
    result.ok &&
    !regionMissing &&
    !endpointError &&
    name.trim() !== '' &&
    (initial ? !unchanged : certificate !== '');

  const save = useAction(async (replace: boolean) => {
    try {
      const profile = initial
        ? await api.profileSet({ name: initial.name, patch: patch ?? {} })
        : await api.profileAdd({
            name: name.trim(),
            certificate,
            trustAnchorArn: trustAnchorArn.trim(),
            profileArn: profileArn.trim(),
            roleArn: roleArn.trim(),
            region,
            durationSeconds: duration,
            ...(endpoint.trim() ? { endpoint: endpoint.trim() } : {}),
            ...(replace ? { replace: true } : {}),
          });
      setConfirmReplace(false);
      onSaved(profile);
      return profile;
    } catch (error) {
      setConfirmReplace(false);
      // Another window or the CLI took the name meanwhile: learn it, so Save turns into Replace.
      if (toErrorInfo(error).code === 'ALREADY_EXISTS') void names.reload();
      throw error;
    }
  });
  const submit = () => {
    if (!canSave || save.busy) return;
    // The proposed name is now the user's: a reload of the names must not move it to the next free one.
    setNameInput(name);
    if (nameTaken) setConfirmReplace(true);
    else void save.run(false);
  };

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
  // Marked once the user is at it (typed an ARN or touched the region); a pristine form only says what to do.
  const regionMarked =
    regionMissing && (regionInput !== undefined || trustAnchorArn + profileArn + roleArn !== '');
  let regionHelp = 'The region of the trust anchor and profile.';
  if (regionIssue) regionHelp = `${regionIssue.message} ${regionIssue.hint}`;
  else if (regionMissing) regionHelp = REGION_MISSING;
  else if (!regionShown.trim() && anchorRegion)
    regionHelp = `Empty: the trust anchor’s region (${anchorRegion}).`;
  else if (regionInput === undefined && anchorRegion === regionShown) {
    regionHelp = `Filled in from the trust anchor ARN (${anchorRegion}).`;
  }

  let nameHelp = 'How you refer to it here, in the CLI and in ~/.aws/config.';
  if (initial) nameHelp = 'The name stays; to use another, add a new profile and remove this one.';
  else if (nameError) nameHelp = nameError;
  else if (nameTaken) {
    nameHelp = `A profile named “${name.trim()}” already exists. Type another name, or choose Replace to overwrite it.`;
  }

  const saveLabel = initial
    ? 'Save changes'
    : nameTaken
      ? `Replace profile “${name.trim()}”…`
      : 'Save profile';

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="Profile name"
          value={name}
          onChange={(e) => setNameInput(e.target.value)}
          error={Boolean(nameError)}
          helperText={nameHelp}
          required={!initial}
          slotProps={{
            htmlInput: {
              'data-testid': TESTIDS.profileName,
              'data-taken': nameTaken ? 'true' : 'false',
              autoComplete: 'off',
              readOnly: Boolean(initial),
            },
            formHelperText: { 'data-testid': TESTIDS.profileNameNote } as object,
          }}
        />
        <CertificatePicker
          certificates={certificates}
          value={certificate}
          onChange={setCertificateInput}
          {...(initial
            ? { current: { id: initial.certificateId, name: currentCert?.name ?? initial.certificateId } }
            : {})}
        />
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
          value={regionShown}
          onChange={(e) => setRegionInput(e.target.value)}
          error={Boolean(regionIssue) || regionMarked}
          helperText={regionHelp}
          required
          slotProps={{
            htmlInput: { 'data-testid': TESTIDS.region, spellCheck: false, autoComplete: 'off' },
            formHelperText: { 'data-testid': TESTIDS.regionNote } as object,
          }}
        />
        <SessionLengthSelect value={duration} onChange={setDuration} />
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
          endpointError ??
          (initial?.endpoint && endpoint.trim() === ''
            ? 'Cleared: saving goes back to the AWS endpoint of the region.'
            : 'Leave empty for AWS. Set it for a VPC endpoint, or a local emulator when testing.')
        }
        placeholder="https://rolesanywhere.eu-west-1.amazonaws.com"
        slotProps={{ htmlInput: { 'data-testid': TESTIDS.endpoint, spellCheck: false, autoComplete: 'off' } }}
      />
      <ErrorAlert error={save.error} onClose={save.clearError} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button
          type="submit"
          variant="contained"
          // Not disabled while saving: a disabled button drops the focus to <body>, and stays so if the save
          // fails. useAction ignores a second submit while one is in flight.
          disabled={!canSave}
          aria-busy={save.busy}
          data-testid={TESTIDS.profileSave}
          data-mode={initial ? 'edit' : nameTaken ? 'replace' : 'add'}
          sx={{
            maxWidth: '100%',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            display: 'block',
          }}
        >
          {save.busy ? 'Saving…' : saveLabel}
        </Button>
        {unchanged && (
          <Typography variant="body2" color="text.secondary">
            Nothing changed yet.
          </Typography>
        )}
      </Stack>
      <ConfirmDialog
        open={confirmReplace}
        title={`Replace profile “${name.trim()}”?`}
        text={`The profile “${name.trim()}” is overwritten with this form’s certificate, ARNs, region and session length, and its cached session is dropped. This cannot be undone.`}
        confirmLabel="Replace"
        confirmTestId={TESTIDS.profileReplaceConfirm}
        busy={save.busy}
        onConfirm={() => void save.run(true)}
        onCancel={() => setConfirmReplace(false)}
      />
    </Stack>
  );
}
