import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckIcon from '../../components/CheckIcon';
import ErrorAlert from '../../components/ErrorAlert';
import { TESTIDS } from '../../testids';
import { MONO_FONT } from '../../theme';
import TrustPolicyDiff from './TrustPolicyDiff';
import { STATUS_CHECK, STATUS_TEXT, STEP_LABEL, stepErrorInfo } from './setup-words';
import type { SetupStep } from './setup-words';

export interface SetupStepsListProps {
  steps: readonly SetupStep[];
  label: string;
  testId: string;
  /** A plan (the dry run) lists each step's calls; a run shows what became of each. */
  mode: 'plan' | 'run';
}

/** What a step is about: its resource's name and ARN, or the policies attached. */
function detail(step: SetupStep): string | undefined {
  const parts = [
    step.name && `“${step.name}”`,
    step.arn,
    step.attached?.length ? step.attached.join(', ') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return parts || undefined;
}

/** The steps of `aws setup`, in order, each with its status icon and words, its error and hint, its diff. */
export default function SetupStepsList({ steps, label, testId, mode }: SetupStepsListProps) {
  return (
    <List aria-label={label} data-testid={testId} sx={{ py: 0 }}>
      {steps.map((step) => (
        <ListItem
          key={step.id}
          data-testid={TESTIDS.registerStep(step.id)}
          data-status={step.status}
          disableGutters
          sx={{ display: 'block', py: 0.75 }}
        >
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start', minWidth: 0 }}>
            <Box sx={{ pt: 0.25, flexShrink: 0 }}>
              <CheckIcon state={STATUS_CHECK[step.status]} />
            </Box>
            <Box sx={{ minWidth: 0, flexGrow: 1 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {STEP_LABEL[step.id]}
                {mode === 'run' && (
                  <Typography component="span" variant="body2" sx={{ fontWeight: 400 }}>
                    {' · '}
                    {STATUS_TEXT[step.status]}
                  </Typography>
                )}
              </Typography>
              {detail(step) && (
                <Typography
                  variant="body2"
                  color="text.secondary"
                  sx={{ fontFamily: MONO_FONT, fontSize: 12.5, overflowWrap: 'anywhere' }}
                >
                  {detail(step)}
                </Typography>
              )}
              {(mode === 'plan' || step.status === 'failed') && step.calls.length > 0 && (
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {mode === 'plan' ? 'Calls: ' : 'Called: '}
                  <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 12.5 }}>
                    {step.calls.join(', ')}
                  </Box>
                </Typography>
              )}
              {step.error && <ErrorAlert error={stepErrorInfo(step.error)} sx={{ mt: 1 }} />}
              {step.trustPolicyDiff && (
                <TrustPolicyDiff
                  current={step.trustPolicyDiff.current}
                  wanted={step.trustPolicyDiff.wanted}
                />
              )}
            </Box>
          </Stack>
        </ListItem>
      ))}
    </List>
  );
}
