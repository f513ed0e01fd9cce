import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { ErrorInfo } from '../../shared/errors';
import { appHint } from '../error-words';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';

export interface ErrorAlertProps {
  error: ErrorInfo | undefined;
  onClose?: () => void;
  /** Offer "Retry" (issue 10 §5: retry on every error that another attempt can fix). */
  onRetry?: () => void;
  /** The retry is running: the button says so and waits. */
  retrying?: boolean;
  /** More about the state, below the hint (e.g. when the next automatic attempt runs). */
  children?: ReactNode;
  sx?: SxProps<Theme>;
}

/**
 * An error from main as the user should read it: what is wrong (title), then what to do (hint), the hint in
 * the app's words (error-words.ts) where it has them. "Details" discloses the error code and core's neutral
 * message, which a bug report or a search needs; the advice itself stays in the app's words.
 */
export default function ErrorAlert({ error, onClose, onRetry, retrying, children, sx }: ErrorAlertProps) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  if (!error) return null;
  const hint = appHint(error);
  return (
    <Alert
      severity="error"
      data-testid={TESTIDS.errorAlert}
      data-code={error.code}
      sx={sx}
      role="alert"
      action={
        onClose && (
          <IconButton aria-label="Close" color="inherit" size="small" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        )
      }
    >
      <AlertTitle sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{error.message}</AlertTitle>
      {hint && (
        <Typography variant="body2" data-testid={TESTIDS.errorHint} sx={{ overflowWrap: 'anywhere' }}>
          {hint}
        </Typography>
      )}
      {children}
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
        {onRetry && (
          <Button
            size="small"
            color="inherit"
            variant="outlined"
            startIcon={<RefreshIcon />}
            // Not `disabled` while retrying: a disabled button drops the keyboard focus to <body>.
            onClick={() => !retrying && onRetry()}
            aria-disabled={retrying ? 'true' : undefined}
            data-testid={TESTIDS.errorRetry}
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        )}
        <Button
          size="small"
          color="inherit"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
          data-testid={TESTIDS.errorDetailsToggle}
        >
          {open ? 'Hide details' : 'Details'}
        </Button>
      </Stack>
      <Box id={detailsId} hidden={!open} data-testid={TESTIDS.errorDetails} sx={{ mt: 1 }}>
        {open && (
          <Typography variant="body2" component="div">
            <div>
              Error code:{' '}
              <Box component="code" sx={{ fontFamily: MONO_FONT }}>
                {error.code}
              </Box>
            </div>
            <Box sx={{ overflowWrap: 'anywhere' }}>Reported: {error.message}</Box>
          </Typography>
        )}
      </Box>
    </Alert>
  );
}
