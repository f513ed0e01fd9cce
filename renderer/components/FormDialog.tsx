import { useId } from 'react';
import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { focusFirstField } from '../focus-first-field';

export interface FormDialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * A dialog around a form that has its own submit button (create CA, issue, import, add profile), named by its
 * title; closing it gives the focus back to the control that opened it.
 */
export default function FormDialog({ open, title, onClose, children, testId }: FormDialogProps) {
  const id = `dialog-${useId().replace(/:/g, '')}`;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={id}>
      <DialogTitle id={id}>{title}</DialogTitle>
      <DialogContent data-testid={testId} ref={focusFirstField}>
        <div style={{ paddingTop: 8 }}>{children}</div>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
