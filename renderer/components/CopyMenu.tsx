import { useState } from 'react';
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
 * clipboard; the renderer only learns when the clipboard will be cleared, and shows that.
 */
export default function CopyMenu({ profile, disabled }: { profile: string; disabled?: boolean }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const notify = useClipboardNotice();
  const copy = useAction(async (format: CredentialFormat, label: string) => {
    const { clearsAt } = await api.sessionCopy({ profile, format });
    notify({ what: `Credentials (${label})`, clearsAt });
  });

  return (
    <>
      <Button
        variant="contained"
        startIcon={<ContentCopyIcon />}
        endIcon={<ExpandMoreIcon />}
        disabled={disabled || copy.busy}
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-controls={anchor ? 'copy-format-menu' : undefined}
        data-testid={TESTIDS.copyMenu}
      >
        Copy as…
      </Button>
      <Menu id="copy-format-menu" anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
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
      <ErrorAlert error={copy.error} onClose={copy.clearError} sx={{ mt: 2 }} />
    </>
  );
}
