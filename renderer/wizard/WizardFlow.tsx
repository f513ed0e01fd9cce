import { useCallback, useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import type { CertificateSummary, Profile, WizardProgress } from '../../shared/schemas/models';
import ConfirmDialog from '../components/ConfirmDialog';
import ErrorAlert from '../components/ErrorAlert';
import { TESTIDS } from '../testids';
import ArnStep from './ArnStep';
import CaStep from './CaStep';
import ClientStep from './ClientStep';
import DoneStep from './DoneStep';
import RegisterStep from './RegisterStep';
import type { RegisterStepProps } from './RegisterStep';
import { saveProgress, useSaveState } from './progress-store';
import { completedSteps, reachableSteps, stepIndex, usableCa, usableClientOf } from './progress';
import type { ResolvedProgress } from './progress';
import { WIZARD_STEPS } from './steps';
import TestStep from './TestStep';
import WizardStepper from './WizardStepper';

export interface WizardFlowProps {
  /** What core stored, already checked against the certificates and profiles loaded with it. */
  initial: ResolvedProgress & { certs: CertificateSummary[]; profiles: Profile[] };
  onNavigate?: (page: 'credentials' | 'certificates') => void;
}

const INTRO: Record<(typeof WIZARD_STEPS)[number]['key'], string> = {
  ca: 'Roles Anywhere trusts certificates issued by a CA you register. Create one here, bring your own, or use one Anchorage already holds.',
  client:
    'Your workload proves who it is with a client certificate issued by that CA. Its private key stays in Anchorage’s vault.',
  register:
    'Tell AWS about the CA and which role its certificates may assume. This happens once, in the AWS console; the wizard remembers where you are while you are there.',
  arns: 'Paste the three ARNs from the console. They are checked as you type.',
  test: 'Anchorage calls CreateSession with your certificate, then asks STS who it is.',
  done: 'You have short-lived AWS credentials. They refresh themselves before they expire.',
};

/** Core keeps at most this much of the typed trust anchor ARN (WizardProgressSchema). */
const MAX_ARN = 2048;

/** `p` without the keys listed (the progress that depended on a choice the user changed). */
function without(p: WizardProgress, ...keys: Array<keyof WizardProgress>): WizardProgress {
  const next = { ...p };
  for (const key of keys) delete next[key];
  return next;
}

/**
 * The six steps, their state and where it goes: every change is written to core at once (progress-store.ts),
 * so leaving the wizard or reloading the app resumes it. Each step component does one job and reports up.
 */
export default function WizardFlow({ initial, onNavigate }: WizardFlowProps) {
  const [progress, setProgress] = useState(initial.progress);
  const latest = useRef(initial.progress);
  const [certs, setCerts] = useState(initial.certs);
  const [profiles, setProfiles] = useState<Profile[]>(initial.profiles);
  const [note, setNote] = useState(initial.note);
  const [confirmReset, setConfirmReset] = useState(false);
  const [resets, setResets] = useState(0);
  const saving = useSaveState();
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(initial.progress.step);
  const startOver = useRef<HTMLButtonElement>(null);
  const didReset = useRef(false);

  // What was dropped while resolving is dropped in core too.
  useEffect(() => {
    if (initial.changed) saveProgress(initial.progress);
  }, [initial]);

  // Move focus to the new step's heading, so keyboard and screen-reader users land on what changed (not on
  // arrival: a resumed wizard leaves the focus alone).
  useEffect(() => {
    if (shownStep.current === progress.step) return;
    shownStep.current = progress.step;
    heading.current?.focus();
  }, [progress.step]);

  const commit = useCallback((change: (p: WizardProgress) => WizardProgress) => {
    const next = change(latest.current);
    if (next === latest.current) return;
    latest.current = next;
    setProgress(next);
    saveProgress(next);
  }, []);

  const ca = certs.find((c) => c.id === progress.caId && c.kind === 'ca');
  const client = certs.find((c) => c.id === progress.certificateId && c.kind === 'client');
  const profile = profiles.find((p) => p.name === progress.profileName);
  const completed = completedSteps({
    ca,
    client,
    registered: progress.registered,
    profile,
    connected: progress.connected,
  });
  const reachable = reachableSteps(completed);
  const active = stepIndex(progress.step);
  const step = WIZARD_STEPS[active] ?? WIZARD_STEPS[0]!;
  const last = WIZARD_STEPS.length - 1;
  const canNext = active < last && (completed[active] || step.key === 'register');
  const started = active > 0 || progress.caId !== undefined;

  const goTo = (index: number) =>
    commit((p) => ({ ...p, step: WIZARD_STEPS[Math.max(0, Math.min(index, last))]!.key }));
  const next = () =>
    commit((p) => ({
      ...p,
      ...(step.key === 'register' ? { registered: true } : {}),
      step: WIZARD_STEPS[Math.min(active + 1, last)]!.key,
    }));

  const upsertCerts = (added: CertificateSummary[]) =>
    setCerts((list) => [...list.filter((c) => !added.some((a) => a.id === c.id)), ...added]);
  const upsertProfile = (saved: Profile) =>
    setProfiles((list) => [...list.filter((p) => p.name !== saved.name), saved]);

  const onCa = (value: CertificateSummary) => {
    upsertCerts([value]);
    setNote(undefined);
    commit((p) => {
      if (p.caId === value.id) return p;
      // Another CA: AWS must be told about it, and a client of the old CA cannot sign for it.
      const kept = client?.issuerId === value.id;
      const next = without({ ...p, caId: value.id }, 'registered');
      return kept ? next : without(next, 'certificateId', 'profileName', 'connected');
    });
  };

  const onClient = (value: CertificateSummary) => {
    upsertCerts([value]);
    setNote(undefined);
    commit((p) => {
      if (p.certificateId === value.id) return p;
      const next = { ...p, certificateId: value.id };
      return profile?.certificateId === value.id ? next : without(next, 'profileName', 'connected');
    });
  };

  /**
   * Take a profile into the wizard. Its certificate (and that certificate's CA) become the wizard's, when
   * usable: the test and the PFX export then use what the profile really signs with.
   */
  const adopt = (value: Profile, extra: Partial<WizardProgress>) => {
    upsertProfile(value);
    setNote(undefined);
    const cert = certs.find((c) => c.id === value.certificateId);
    const issuer = cert ? certs.find((c) => c.id === cert.issuerId) : undefined;
    const chain =
      cert && issuer && usableCa(issuer) && usableClientOf(cert, issuer.id)
        ? { caId: issuer.id, certificateId: cert.id }
        : {};
    commit((p) => ({ ...p, ...chain, ...extra, profileName: value.name, connected: false }));
  };

  /**
   * "Register for me" saved its profile (issue 12 §6): step 3 is done, step 4 holds that profile, and step 5 is
   * done when its test passed, as if the user had typed the ARNs and tested. The wizard stays on step 3, which
   * shows what happened; its result offers the way on.
   */
  const registered: RegisterStepProps['onRegistered'] = ({
    profile: saved,
    connected,
    region,
    trustAnchorArn,
  }) => {
    upsertProfile(saved);
    setNote(undefined);
    commit((p) => ({
      ...p,
      registered: true,
      profileName: saved.name,
      connected,
      region,
      ...(trustAnchorArn ? { trustAnchorArn: trustAnchorArn.slice(0, MAX_ARN) } : {}),
    }));
  };

  const body = () => {
    switch (step.key) {
      case 'ca':
        return <CaStep ca={ca} certs={certs} onCa={onCa} onCerts={upsertCerts} />;
      case 'client':
        return ca ? <ClientStep ca={ca} client={client} certs={certs} onClient={onClient} /> : null;
      case 'register':
        return ca ? (
          <RegisterStep
            ca={ca}
            client={client}
            region={progress.region}
            trustAnchorArn={progress.trustAnchorArn}
            onChange={(patch) =>
              commit((p) => {
                const next = { ...p };
                if ('region' in patch) {
                  if (patch.region) next.region = patch.region;
                  else delete next.region;
                }
                if (patch.trustAnchorArn !== undefined)
                  next.trustAnchorArn = patch.trustAnchorArn.slice(0, MAX_ARN);
                return next;
              })
            }
            onRegistered={registered}
            onContinue={() => goTo(stepIndex(latest.current.connected ? 'done' : 'test'))}
          />
        ) : null;
      case 'arns':
        return ca && client ? (
          <ArnStep
            ca={ca}
            client={client}
            certs={certs}
            profiles={profiles}
            profile={profile}
            defaults={{
              ...(progress.trustAnchorArn?.trim() ? { trustAnchorArn: progress.trustAnchorArn.trim() } : {}),
              ...(progress.region ? { region: progress.region } : {}),
            }}
            onSaved={(saved) => adopt(saved, {})}
            onUseExisting={(picked) => adopt(picked, { registered: true, step: 'test' })}
          />
        ) : null;
      case 'test':
        return profile ? (
          <TestStep
            profile={profile}
            connected={Boolean(progress.connected)}
            onResult={(ok) => commit((p) => (Boolean(p.connected) === ok ? p : { ...p, connected: ok }))}
          />
        ) : null;
      case 'done':
        return profile && client ? (
          <DoneStep profile={profile} client={client} onNavigate={onNavigate} />
        ) : null;
    }
  };

  return (
    <Box data-testid={TESTIDS.wizard} data-step={step.key} data-progress={saving.saving ? 'saving' : 'saved'}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ mb: 3, justifyContent: 'space-between', alignItems: { sm: 'center' } }}
      >
        <Typography color="text.secondary">
          Six steps from nothing to short-lived AWS credentials, without OpenSSL. Your place is kept if you
          leave.
        </Typography>
        {started && (
          <Button
            startIcon={<RestartAltIcon />}
            ref={startOver}
            onClick={() => setConfirmReset(true)}
            data-testid={TESTIDS.wizardStartOver}
            sx={{ flexShrink: 0, alignSelf: { xs: 'flex-start', sm: 'center' } }}
          >
            Start over
          </Button>
        )}
      </Stack>
      {saving.error && (
        <Box data-testid={TESTIDS.wizardProgressError} sx={{ mb: 2 }}>
          <ErrorAlert error={saving.error} />
        </Box>
      )}
      <Paper variant="outlined" sx={{ py: 2.5, px: 1, mb: 3 }}>
        <WizardStepper active={active} completed={completed} reachable={reachable} onSelect={goTo} />
      </Paper>
      <Paper
        variant="outlined"
        sx={{ p: { xs: 2.5, md: 4 } }}
        data-testid={step.testId}
        component="section"
        aria-labelledby="wizard-step-heading"
      >
        <Typography
          variant="h5"
          component="h2"
          id="wizard-step-heading"
          ref={heading}
          tabIndex={-1}
          sx={{ outline: 'none', mb: 0.5 }}
        >
          {active + 1}. {step.label}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          {INTRO[step.key]}
        </Typography>
        {note && (
          <Alert
            severity="warning"
            onClose={() => setNote(undefined)}
            data-testid={TESTIDS.wizardNote}
            sx={{ mb: 3 }}
          >
            {note}
          </Alert>
        )}
        <Box key={`${step.key}-${resets}`}>{body()}</Box>
        <Stack direction="row" spacing={1.5} sx={{ mt: 4, justifyContent: 'space-between' }}>
          <Button
            startIcon={<ArrowBackIcon />}
            onClick={() => goTo(active - 1)}
            disabled={active === 0}
            data-testid={TESTIDS.wizardBack}
          >
            Back
          </Button>
          {active < last && (
            <Button
              variant="contained"
              endIcon={<ArrowForwardIcon />}
              onClick={next}
              disabled={!canNext}
              data-testid={TESTIDS.wizardNext}
            >
              {step.key === 'register' && !progress.registered ? 'I’ve done this — continue' : 'Continue'}
            </Button>
          )}
        </Stack>
      </Paper>
      <ConfirmDialog
        open={confirmReset}
        title="Start the wizard over?"
        text="The wizard forgets its choices and opens at step 1. Your CAs, certificates and profiles stay in Anchorage: “Use an existing one” picks them again."
        confirmLabel="Start over"
        confirmTestId={TESTIDS.wizardStartOverConfirm}
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => {
          didReset.current = true;
          setConfirmReset(false);
          setNote(undefined);
          setResets((n) => n + 1);
          commit(() => ({ step: 'ca' }));
        }}
        // After a reset the button that opened the dialog is gone: the focus goes to the step heading.
        onExited={() => {
          if (didReset.current) heading.current?.focus();
          else startOver.current?.focus();
          didReset.current = false;
        }}
      />
    </Box>
  );
}
