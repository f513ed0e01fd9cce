import { useId } from 'react';
import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';

export interface FormConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** After the closing transition: the caller moves the focus (the dialog does not restore it). */
  onExited: () => void;
  /** Runs on submit (Enter or the confirm button) when `ready` and not `busy`. */
  onSubmit: () => void;
  ready: boolean;
  busy: boolean;
  confirmLabel: string;
  busyLabel: string;
  testId: string;
  confirmTestId: string;
  /** The action has ended (its result is on screen): no confirm button, and Cancel reads Close. */
  done?: boolean;
  children: ReactNode;
}

/**
 * A confirmation that asks for input (a name, a validity): a form in a named dialog, Cancel and a confirm
 * button that stays focusable while busy (`aria-disabled`: a disabled button drops the focus to <body>).
 */
export default function FormConfirmDialog(props: FormConfirmDialogProps) {
  const { open, title, onClose, onExited, onSubmit, ready, busy, done = false, children } = props;
  const id = useId();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
      disableRestoreFocus
      slotProps={{ transition: { onExited } }}
      data-testid={props.testId}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy && !done) onSubmit();
        }}
      >
        <DialogTitle id={`${id}-title`} sx={{ overflowWrap: 'anywhere' }}>
          {title}
        </DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
          {!done && (
            <Button
              type="submit"
              variant="contained"
              disabled={!ready}
              aria-disabled={busy ? 'true' : undefined}
              data-testid={props.confirmTestId}
            >
              {busy ? props.busyLabel : props.confirmLabel}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
