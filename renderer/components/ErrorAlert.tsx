import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ErrorInfo } from '../../shared/errors';
import { appHint } from '../error-words';
import { TESTIDS } from '../testids';

export interface ErrorAlertProps {
  error: ErrorInfo | undefined;
  onClose?: () => void;
  sx?: SxProps<Theme>;
}

/**
 * An error from main as the user should read it: what is wrong (title), then what to do (hint), the hint in
 * the app's words (error-words.ts) where it has them.
 */
export default function ErrorAlert({ error, onClose, sx }: ErrorAlertProps) {
  if (!error) return null;
  const hint = appHint(error);
  return (
    <Alert
      severity="error"
      data-testid={TESTIDS.errorAlert}
      data-code={error.code}
      onClose={onClose}
      sx={sx}
      role="alert"
    >
      <AlertTitle sx={{ fontWeight: 600 }}>{error.message}</AlertTitle>
      {hint && (
        <Typography variant="body2" data-testid={TESTIDS.errorHint}>
          {hint}
        </Typography>
      )}
    </Alert>
  );
}
