import { useEffect } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ContentPasteIcon from '@mui/icons-material/ContentPaste';
import { api } from '../api';
import { useNow } from '../hooks/use-now';
import { TESTIDS } from '../testids';
import { VISUALLY_HIDDEN } from '../theme';

export interface ClipboardNoticeProps {
  what: string;
  /** Absent for public text: then the notice just confirms the copy. */
  clearsAt?: string;
  /** When the notice was shown (ms since the epoch): the full length of the progress bar. */
  shownAt: number;
  /** "Clear now" was used. */
  cleared: boolean;
  /** The one-row form of the narrow layout's app bar. */
  compact?: boolean;
  onCleared: () => void;
  onClose: () => void;
}

/** How long a public copy, or the "removed" confirmation, stays on screen. */
const LINGER_MS = 4000;

/**
 * The visible promise that a copied secret will not linger: counts down to the moment main clears the
 * clipboard (Settings → clipboard delay), and offers to clear it now. It is a status, never a dialog: it takes
 * no focus, and it sits in room the shell keeps for it (ClipboardNoticeSlot), not over the page.
 */
export default function ClipboardNotice(props: ClipboardNoticeProps) {
  const { what, clearsAt, shownAt, compact = false, onCleared, onClose } = props;
  const timed = clearsAt !== undefined;
  const deadline = timed ? Date.parse(clearsAt) : 0;
  const total = Math.max(1, deadline - shownAt);
  const now = useNow(250, timed && !props.cleared);
  const remainingMs = Math.max(0, deadline - now);
  const seconds = Math.ceil(remainingMs / 1000);
  const cleared = timed && (props.cleared || remainingMs === 0);
  const counting = timed && !cleared;

  // A public copy, or the "removed" confirmation, goes away by itself after a moment.
  useEffect(() => {
    if (counting) return undefined;
    const timer = window.setTimeout(onClose, LINGER_MS);
    return () => window.clearTimeout(timer);
  }, [counting, onClose]);

  const clearNow = async () => {
    try {
      await api.clipboardClear();
    } finally {
      onCleared();
    }
  };

  const title = cleared ? `${what}: removed from the clipboard.` : `${what} copied to the clipboard.`;
  const Icon = counting ? ContentPasteIcon : CheckCircleIcon;

  return (
    <Paper
      variant="outlined"
      data-testid={TESTIDS.clipboardNotice}
      data-cleared={cleared ? 'true' : 'false'}
      sx={{
        position: 'relative',
        overflow: 'hidden',
        display: 'flex',
        alignItems: compact ? 'center' : 'flex-start',
        gap: 1,
        px: compact ? 1 : 1.5,
        py: compact ? 0.5 : 1.25,
        borderLeftWidth: 4,
        borderLeftColor: counting ? 'info.main' : 'success.main',
      }}
    >
      {!compact && <Icon fontSize="small" color={counting ? 'info' : 'success'} sx={{ mt: 0.25 }} />}
      <Box sx={{ minWidth: 0, flexGrow: 1 }}>
        {compact ? (
          <>
            {/* One line each in the app bar: what was copied (ellipsized, the sentence in full for a screen
                reader and in the tooltip), then the countdown, which must stay readable. */}
            <Typography variant="caption" component="p" noWrap title={title} sx={{ fontWeight: 600 }}>
              {what}
              <Box component="span" sx={VISUALLY_HIDDEN}>
                {cleared ? ': removed from the clipboard.' : ' copied to the clipboard.'}
              </Box>
            </Typography>
            <Typography variant="caption" component="p" color="text.secondary" noWrap aria-hidden="true">
              {counting && (
                <>
                  Cleared in {seconds}
                  {'\u00a0'}s
                </>
              )}
              {cleared && 'Removed from the clipboard'}
              {!timed && 'Copied to the clipboard'}
            </Typography>
          </>
        ) : (
          <>
            <Typography variant="body2" component="p" sx={{ fontWeight: 600 }}>
              {title}
            </Typography>
            {counting && (
              // The seconds change four times a second: hidden from the live region, which would read each.
              <Typography variant="caption" component="p" color="text.secondary" aria-hidden="true">
                The clipboard will be cleared in {seconds}
                {'\u00a0'}s.
              </Typography>
            )}
          </>
        )}
        {counting && (
          <Box component="span" sx={VISUALLY_HIDDEN}>
            The clipboard is cleared after {Math.round(total / 1000)} seconds.
          </Box>
        )}
        {counting && !compact && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => void clearNow()}
            data-testid={TESTIDS.clipboardClear}
            sx={{ mt: 1 }}
          >
            Clear now
          </Button>
        )}
      </Box>
      {counting && compact && (
        <Button
          size="small"
          variant="outlined"
          onClick={() => void clearNow()}
          data-testid={TESTIDS.clipboardClear}
          sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
        >
          Clear now
        </Button>
      )}
      {counting && (
        <LinearProgress
          variant="determinate"
          value={(remainingMs / total) * 100}
          color="info"
          aria-label="Time until the clipboard is cleared"
          // Stepped by the 250 ms tick rather than eased: a 0.4 s transition restarted four times a second
          // would keep the page animating for as long as the notice shows.
          sx={{
            position: 'absolute',
            left: 0,
            right: 0,
            bottom: 0,
            height: 3,
            '& .MuiLinearProgress-bar': { transition: 'none' },
          }}
        />
      )}
    </Paper>
  );
}
