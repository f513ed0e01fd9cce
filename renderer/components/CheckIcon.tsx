import CircularProgress from '@mui/material/CircularProgress';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import WarningIcon from '@mui/icons-material/Warning';

export type CheckState = 'idle' | 'running' | 'ok' | 'warning' | 'failed';

/** The icon of one check: not run, running, passed, passed with a warning, failed (with a text alternative). */
export default function CheckIcon({ state }: { state: CheckState }) {
  if (state === 'running') return <CircularProgress size={20} aria-label="Running" />;
  if (state === 'ok') return <CheckCircleIcon color="success" titleAccess="Passed" />;
  if (state === 'warning') return <WarningIcon color="warning" titleAccess="Warning" />;
  if (state === 'failed') return <ErrorIcon color="error" titleAccess="Failed" />;
  return <RadioButtonUncheckedIcon color="disabled" titleAccess="Not run" />;
}
