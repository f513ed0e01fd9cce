import { useRef, useState } from 'react';
import Button from '@mui/material/Button';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { CREDENTIAL_FORMATS } from '../../shared/credentials';
import type { CredentialFormat } from '../../shared/credentials';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useClipboardNotice } from '../hooks/clipboard-notice-context';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';

/**
 * "Copy as…" with every format of shared/credentials. Main formats the full credentials and writes the
 * clipboard; the renderer only learns when the clipboard will be cleared, and shows that. After a copy the focus
 * is back on this button (issue 10 §7), ready for the next copy, never on <body>.
 */
export default function CopyMenu({ profile, disabled }: { profile: string; disabled?: boolean }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const last = useRef<{ format: CredentialFormat; label: string } | undefined>(undefined);
  const notify = useClipboardNotice();
  const copy = useAction(async (format: CredentialFormat, label: string) => {
    last.current = { format, label };
    try {
      const { clearsAt } = await api.sessionCopy({ profile, format });
      notify({ what: `Credentials (${label})`, clearsAt });
    } finally {
      button.current?.focus();
    }
  });

  return (
    <>
      <Button
        ref={button}
        variant="contained"
        startIcon={<ContentCopyIcon />}
        endIcon={<ExpandMoreIcon />}
        // Only `disabled` by the card (an expired session): disabling it while copying would drop the focus.
        disabled={disabled}
        onClick={(e) => !copy.busy && setAnchor(e.currentTarget)}
        aria-busy={copy.busy || undefined}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-controls={anchor ? 'copy-format-menu' : undefined}
        data-testid={TESTIDS.copyMenu}
      >
        Copy as…
      </Button>
      <Menu
        id="copy-format-menu"
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-label': 'Copy the credentials as' } }}
      >
        {CREDENTIAL_FORMATS.map((format) => (
          <MenuItem
            key={format.id}
            data-testid={TESTIDS.copyFormat(format.id)}
            onClick={() => {
              setAnchor(null);
              void copy.run(format.id, format.label);
            }}
          >
            <ListItemText primary={format.label} />
          </MenuItem>
        ))}
      </Menu>
      <ErrorAlert
        error={copy.error}
        onClose={copy.clearError}
        onRetry={() => last.current && void copy.run(last.current.format, last.current.label)}
        retrying={copy.busy}
        sx={{ mt: 2 }}
      />
    </>
  );
}
