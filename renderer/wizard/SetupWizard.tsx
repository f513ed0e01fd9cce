import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import type { CertificateSummary, Profile } from '../../shared/schemas/models';
import { TESTIDS } from '../testids';
import ArnStep from './ArnStep';
import CaStep from './CaStep';
import ClientStep from './ClientStep';
import DoneStep from './DoneStep';
import RegisterStep from './RegisterStep';
import { WIZARD_STEPS } from './steps';
import TestStep from './TestStep';
import WizardStepper from './WizardStepper';

export interface WizardProps {
  /** Open a page of the app (the done step links to Credentials). */
  onNavigate?: (page: 'credentials' | 'certificates') => void;
}

const INTRO: Record<(typeof WIZARD_STEPS)[number]['key'], string> = {
  ca: 'Roles Anywhere trusts certificates issued by a CA you register. Create one here, or bring your own.',
  client:
    'Your workload proves who it is with a client certificate issued by that CA. Its private key stays in Anchorage’s vault.',
  register:
    'Tell AWS about the CA and which role its certificates may assume. This happens once, in the AWS console.',
  arns: 'Paste the three ARNs from the console. They are checked as you type.',
  test: 'Anchorage calls CreateSession with your certificate, then asks STS who it is.',
  done: 'You have short-lived AWS credentials. They refresh themselves before they expire.',
};

/**
 * The first-run setup wizard: from nothing to working AWS credentials (issue 4). The step data lives here; each
 * step component does one job and reports its result up.
 */
export default function SetupWizard({ onNavigate }: WizardProps) {
  const [active, setActive] = useState(0);
  const [ca, setCa] = useState<CertificateSummary>();
  const [client, setClient] = useState<CertificateSummary>();
  const [registered, setRegistered] = useState(false);
  const [profile, setProfile] = useState<Profile>();
  const [connected, setConnected] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const completed = [Boolean(ca), Boolean(client), registered, Boolean(profile), connected, connected];
  const reachable = completed.map((_, i) => i === 0 || completed.slice(0, i).every(Boolean));
  const step = WIZARD_STEPS[active] ?? WIZARD_STEPS[0]!;
  const canNext = active < WIZARD_STEPS.length - 1 && (completed[active] || step.key === 'register');

  // Move focus to the new step's heading, so keyboard and screen-reader users land on what changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [active]);

  const next = () => {
    if (step.key === 'register') setRegistered(true);
    setActive((i) => Math.min(i + 1, WIZARD_STEPS.length - 1));
  };

  const body = () => {
    switch (step.key) {
      case 'ca':
        return (
          <CaStep
            ca={ca}
            onCa={(value) => {
              setCa(value);
              if (client && client.issuerId !== value?.id) setClient(undefined);
            }}
          />
        );
      case 'client':
        return ca ? <ClientStep ca={ca} client={client} onClient={setClient} /> : null;
      case 'register':
        return ca ? <RegisterStep ca={ca} client={client} /> : null;
      case 'arns':
        return client ? (
          <ArnStep
            client={client}
            profile={profile}
            onProfile={(value) => {
              setProfile(value);
              setConnected(false);
            }}
          />
        ) : null;
      case 'test':
        return profile ? <TestStep profile={profile} connected={connected} onResult={setConnected} /> : null;
      case 'done':
        return profile && client ? (
          <DoneStep profile={profile} client={client} onNavigate={onNavigate} />
        ) : null;
    }
  };

  return (
    <Box data-testid={TESTIDS.wizard} data-step={step.key}>
      <Typography variant="h4" component="h1" data-testid={TESTIDS.pageTitle} sx={{ mb: 0.5 }}>
        Set up Anchorage
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        Six steps from nothing to short-lived AWS credentials, without OpenSSL.
      </Typography>
      <Paper variant="outlined" sx={{ py: 2.5, px: 1, mb: 3 }}>
        <WizardStepper active={active} completed={completed} reachable={reachable} onSelect={setActive} />
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
        {body()}
        <Stack direction="row" spacing={1.5} sx={{ mt: 4, justifyContent: 'space-between' }}>
          <Button
            startIcon={<ArrowBackIcon />}
            onClick={() => setActive((i) => Math.max(0, i - 1))}
            disabled={active === 0}
            data-testid={TESTIDS.wizardBack}
          >
            Back
          </Button>
          {active < WIZARD_STEPS.length - 1 && (
            <Button
              variant="contained"
              endIcon={<ArrowForwardIcon />}
              onClick={next}
              disabled={!canNext}
              data-testid={TESTIDS.wizardNext}
            >
              {step.key === 'register' ? 'I’ve done this — continue' : 'Continue'}
            </Button>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}
