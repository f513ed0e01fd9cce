import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Snackbar from '@mui/material/Snackbar';
import CloseIcon from '@mui/icons-material/Close';
import { TESTIDS } from '../testids';

export interface UndoSnackbarProps {
  /** What was done ("Renamed “a” to “b”"); nothing shows while it is undefined. */
  message: string | undefined;
  /** Present when the action can be undone: the snackbar offers Undo. */
  onUndo?: () => void;
  onClose: () => void;
}

/**
 * The result of a lifecycle action, with Undo where it can be undone (issue 10 §3). Bottom left, over the
 * navigation rail's empty lower part rather than the page's controls; it pauses while hovered or focused and
 * ignores clicks elsewhere, so a keyboard user can reach Undo in time.
 */
export default function UndoSnackbar({ message, onUndo, onClose }: UndoSnackbarProps) {
  return (
    <Snackbar
      open={message !== undefined}
      message={message}
      autoHideDuration={10_000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      onClose={(_, reason) => {
        if (reason !== 'clickaway') onClose();
      }}
      data-testid={TESTIDS.lifecycleSnackbar}
      slotProps={{ content: { sx: { overflowWrap: 'anywhere' } } }}
      action={
        <>
          {onUndo && (
            <Button color="inherit" size="small" onClick={onUndo} data-testid={TESTIDS.lifecycleUndo}>
              Undo
            </Button>
          )}
          <IconButton size="small" color="inherit" aria-label="Dismiss" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </>
      }
    />
  );
}
