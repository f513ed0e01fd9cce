import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CertificateSummary, Profile } from '../../shared/schemas/models';
import ProfileForm from '../components/ProfileForm';
import StatusChip from '../components/StatusChip';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import ChoiceList from './ChoiceList';
import type { Choice } from './ChoiceList';
import ModeTabs from './ModeTabs';
import { unusableReason, usableCa, usableClientOf } from './progress';

export interface ArnStepProps {
  ca: CertificateSummary;
  client: CertificateSummary;
  /** Every certificate Anchorage holds (the form lists the client ones with their status). */
  certs: readonly CertificateSummary[];
  profiles: readonly Profile[];
  /** The profile chosen or saved so far. */
  profile: Profile | undefined;
  /** What step 3 collected: the trust anchor ARN typed for the policy, and the region. */
  defaults: { trustAnchorArn?: string; region?: string };
  /** A profile was saved here (added or edited). */
  onSaved: (profile: Profile) => void;
  /** An existing profile was picked: the wizard goes on to the test with it. */
  onUseExisting: (profile: Profile) => void;
}

type Mode = 'create' | 'existing';

/**
 * Why a profile cannot carry the wizard on, or undefined when it can: its certificate must be a usable client
 * certificate issued by a usable CA (the wizard then takes both, so the chain stays one).
 */
function profileProblem(profile: Profile, certs: readonly CertificateSummary[]): string | undefined {
  const cert = certs.find((c) => c.id === profile.certificateId);
  if (!cert) return 'its certificate is no longer in Anchorage';
  const reason = unusableReason(cert);
  if (reason) return `its certificate “${cert.name}” is ${reason}`;
  const issuer = certs.find((c) => c.id === cert.issuerId);
  if (!issuer || !usableCa(issuer) || !usableClientOf(cert, issuer.id)) {
    return `the CA of its certificate “${cert.name}” is not usable in Anchorage`;
  }
  return undefined;
}

/** Step 4: the trust anchor, profile and role ARNs plus the region, saved as a profile, or an existing profile. */
export default function ArnStep(props: ArnStepProps) {
  const { ca, client, certs, profiles, profile, defaults, onSaved, onUseExisting } = props;
  const clients = certs.filter((c) => c.kind === 'client');
  const [view, setView] = useState<'summary' | 'edit' | 'change'>('summary');
  const [mode, setMode] = useState<Mode>('create');
  const [chosen, setChosen] = useState('');
  const [acted, setActed] = useState(false);
  const title = useRef<HTMLDivElement>(null);
  const editor = useRef<HTMLDivElement>(null);
  // After the user's own action the focus lands on its result: the saved card, or the first field to edit
  // (the button that was pressed is gone, and the focus must not fall to <body>).
  const profileName = profile?.name;
  useEffect(() => {
    if (!acted) return;
    if (view === 'summary' && profileName !== undefined) title.current?.focus();
    if (view === 'edit') {
      editor.current
        ?.querySelector<HTMLElement>('input:not([disabled]):not([readonly]):not([type="hidden"]), select')
        ?.focus();
    }
  }, [acted, view, profileName]);

  const saved = (value: Profile) => {
    setActed(true);
    setView('summary');
    onSaved(value);
  };

  if (profile && view === 'summary') {
    return (
      <Alert
        severity="success"
        data-testid={TESTIDS.profileSaved}
        sx={{ '& .MuiAlert-message': { minWidth: 0 } }}
        action={
          <Stack direction="row" spacing={1}>
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                setActed(true);
                setView('edit');
              }}
              data-testid={TESTIDS.profileEdit}
            >
              Edit
            </Button>
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                setActed(true);
                setView('change');
                setMode(profiles.length > 1 ? 'existing' : 'create');
              }}
              data-testid={TESTIDS.profileChange}
            >
              Choose another
            </Button>
          </Stack>
        }
      >
        <AlertTitle ref={title} tabIndex={-1} sx={{ outline: 'none', overflowWrap: 'anywhere' }}>
          Profile “{profile.name}” saved
        </AlertTitle>
        <Typography variant="body2" sx={{ fontFamily: MONO_FONT, fontSize: 13, wordBreak: 'break-all' }}>
          {profile.roleArn} · {profile.region}
          {profile.endpoint ? ` · ${profile.endpoint}` : ''}
        </Typography>
      </Alert>
    );
  }

  if (profile && view === 'edit') {
    return (
      <Stack spacing={2} ref={editor}>
        <ProfileForm
          certificates={clients}
          preferredCertificateId={client.id}
          initial={profile}
          onSaved={saved}
        />
        <div>
          <Button
            onClick={() => {
              setActed(true);
              setView('summary');
            }}
          >
            Cancel editing
          </Button>
        </div>
      </Stack>
    );
  }

  // Profiles that sign with the chosen certificate first, then the others (issue 10: "or any").
  const ordered = [...profiles].sort(
    (a, b) => Number(b.certificateId === client.id) - Number(a.certificateId === client.id),
  );
  const choices: Choice[] = ordered.map((p) => {
    const cert = certs.find((c) => c.id === p.certificateId);
    const problem = profileProblem(p, certs);
    const signer =
      p.certificateId === client.id
        ? `signs with “${client.name}”, the certificate chosen in step 2`
        : `signs with “${cert?.name ?? p.certificateId}”${cert?.issuerId !== ca.id ? ' from another CA' : ''}`;
    return {
      id: p.name,
      title: p.name,
      status: cert ? <StatusChip status={cert.status} /> : undefined,
      detail: `${p.roleArn} · ${p.region} · ${signer}`,
      ...(problem ? { unusable: problem } : {}),
    };
  });
  const usable = choices.filter((c) => !c.unusable);
  const selected = usable.some((c) => c.id === chosen) ? chosen : (usable[0]?.id ?? '');

  return (
    <Stack spacing={2}>
      <ModeTabs<Mode>
        label="How to get a profile"
        value={mode}
        onChange={setMode}
        focusOnMount={acted}
        modes={[
          { key: 'create', label: 'Enter the ARNs', testId: TESTIDS.arnsModeCreate },
          {
            key: 'existing',
            label: `Use an existing profile${usable.length ? ` (${usable.length})` : ''}`,
            testId: TESTIDS.arnsModeExisting,
            disabled: profiles.length === 0,
          },
        ]}
      >
        {mode === 'create' && (
          <ProfileForm
            certificates={clients}
            preferredCertificateId={client.id}
            defaults={defaults}
            onSaved={saved}
          />
        )}
        {mode === 'existing' && (
          <Stack spacing={2}>
            <ChoiceList
              label="Profiles saved in Anchorage"
              testId={TESTIDS.profileExistingList}
              value={selected}
              onChange={setChosen}
              choices={choices}
            />
            <Typography variant="body2" color="text.secondary">
              Using a profile takes its certificate and CA into the wizard, and goes on to the connection
              test.
            </Typography>
            <div>
              <Button
                variant="contained"
                onClick={() => {
                  const pick = profiles.find((p) => p.name === selected);
                  if (pick) onUseExisting(pick);
                }}
                disabled={selected === ''}
                data-testid={TESTIDS.profileExistingUse}
              >
                Use this profile
              </Button>
            </div>
          </Stack>
        )}
      </ModeTabs>
      {profile && (
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 1.5, minWidth: 0 }}>
          <Typography variant="body2" color="text.secondary">
            Or keep the profile chosen before.
          </Typography>
          <Button
            sx={{ overflowWrap: 'anywhere', textAlign: 'left' }}
            onClick={() => {
              setActed(true);
              setView('summary');
            }}
          >
            Keep “{profile.name}”
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
