import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { api } from '../api';
import { useNow } from '../hooks/use-now';
import { TESTIDS } from '../testids';

export interface ClipboardNoticeProps {
  what: string;
  /** Absent for public text: then the notice just confirms the copy. */
  clearsAt?: string;
  onClose: () => void;
}

/**
 * The visible promise that a copied secret will not linger: counts down to the moment main clears the
 * clipboard (Settings → clipboard delay), and offers to clear it now.
 */
export default function ClipboardNotice({ what, clearsAt, onClose }: ClipboardNoticeProps) {
  const [clearedNow, setClearedNow] = useState(false);
  const deadline = useMemo(() => (clearsAt ? Date.parse(clearsAt) : 0), [clearsAt]);
  const [total] = useState(() => Math.max(1, deadline - Date.now()));
  const timed = clearsAt !== undefined;
  const now = useNow(250, timed);
  const remainingMs = Math.max(0, deadline - now);
  const seconds = Math.ceil(remainingMs / 1000);
  const cleared = timed && (clearedNow || remainingMs === 0);

  // A public copy, or the "cleared" confirmation, stays on screen briefly and then goes away.
  useEffect(() => {
    if (timed && !cleared) return undefined;
    const timer = window.setTimeout(onClose, 4000);
    return () => window.clearTimeout(timer);
  }, [timed, cleared, onClose]);

  const clearNow = async () => {
    try {
      await api.clipboardClear();
    } finally {
      setClearedNow(true);
    }
  };

  let title = `${what} copied to the clipboard.`;
  if (cleared) title = `${what}: removed from the clipboard.`;

  return (
    <Snackbar open anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
      <Alert
        data-testid={TESTIDS.clipboardNotice}
        data-cleared={cleared ? 'true' : 'false'}
        severity={cleared || !timed ? 'success' : 'info'}
        variant="filled"
        onClose={onClose}
        sx={{ minWidth: 380 }}
        action={
          timed && !cleared ? (
            <Button
              color="inherit"
              size="small"
              onClick={() => void clearNow()}
              data-testid={TESTIDS.clipboardClear}
            >
              Clear now
            </Button>
          ) : undefined
        }
      >
        <Typography variant="body2" sx={{ fontWeight: 600 }} aria-live="polite">
          {title}
        </Typography>
        {timed && !cleared && (
          <>
            <Typography variant="body2">
              The clipboard will be cleared in {seconds}
              {'\u00a0'}s. Paste it where you need it now.
            </Typography>
            <LinearProgress
              variant="determinate"
              value={(remainingMs / total) * 100}
              color="inherit"
              aria-label="Time until the clipboard is cleared"
              sx={{ mt: 1, borderRadius: 1, opacity: 0.8 }}
            />
          </>
        )}
      </Alert>
    </Snackbar>
  );
}
