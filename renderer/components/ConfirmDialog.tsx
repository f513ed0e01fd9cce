import { useId } from 'react';
import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  confirmTestId?: string;
  busy?: boolean;
  /** What the action affects, and any field it needs (below `text`). */
  children?: ReactNode;
  /** The action cannot run as things stand (the children say why). */
  confirmDisabled?: boolean;
  /**
   * Where the focus goes on open: Cancel (the default, so that Enter does not destroy by accident), or a field
   * in `children` that has `autoFocus`.
   */
  initialFocus?: 'cancel' | 'content';
  /**
   * The dialog has closed and its transition ended: the caller puts the focus on the result or back on the
   * control that opened it. Setting it turns off the dialog's own focus restore.
   */
  onExited?: () => void;
  testId?: string;
}

/** Ask before an action that cannot be undone, naming what it affects; named by its title (aria-labelledby). */
export default function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, text, confirmLabel, onConfirm, onCancel, confirmTestId, busy } = props;
  const { children, confirmDisabled, initialFocus = 'cancel', onExited, testId } = props;
  const id = useId();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      disableRestoreFocus={onExited !== undefined}
      slotProps={onExited ? { transition: { onExited } } : undefined}
      data-testid={testId}
    >
      <DialogTitle id={`${id}-title`} sx={{ overflowWrap: 'anywhere' }}>
        {title}
      </DialogTitle>
      <DialogContent>
        <DialogContentText id={`${id}-text`}>{text}</DialogContentText>
        {children}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onCancel} autoFocus={initialFocus === 'cancel'}>
          Cancel
        </Button>
        <Button
          color="error"
          variant="contained"
          // Not `disabled` while busy: a disabled button drops the keyboard focus to <body>.
          onClick={() => !busy && onConfirm()}
          disabled={confirmDisabled}
          aria-disabled={busy ? 'true' : undefined}
          data-testid={confirmTestId}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
