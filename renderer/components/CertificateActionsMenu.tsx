import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import BlockIcon from '@mui/icons-material/Block';
import CloudSyncIcon from '@mui/icons-material/CloudSync';
import CloudUploadOutlinedIcon from '@mui/icons-material/CloudUploadOutlined';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import DriveFileRenameOutlineIcon from '@mui/icons-material/DriveFileRenameOutline';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import type { CertificateSummary } from '../../shared/schemas/models';
import { TESTIDS } from '../testids';

/** The lifecycle verbs (issue 10 §3), and a CA's two ways of keeping AWS in step (issue 12 §4). */
export type LifecycleVerb = 'rename' | 'renew' | 'revoke' | 'delete' | 'push-crl' | 'update-anchor';
/** What a row's menu offers: the lifecycle verbs, and opening the details. */
type CertificateVerb = 'details' | LifecycleVerb;

export interface CertificateActionsMenuProps {
  cert: CertificateSummary;
  anchor: HTMLElement;
  /** Why it cannot be renewed (the item is then disabled and says so), if it cannot. */
  renewBlocker: string | undefined;
  onChoose: (verb: CertificateVerb) => void;
  onClose: () => void;
}

/** A table row's actions: the same verbs as the drawer, reachable from the row by keyboard. */
export default function CertificateActionsMenu(props: CertificateActionsMenuProps) {
  const { cert, anchor, renewBlocker, onChoose, onClose } = props;
  const revocable = cert.kind === 'client' && cert.status !== 'revoked';
  return (
    <Menu open anchorEl={anchor} onClose={onClose} slotProps={{ paper: { sx: { maxWidth: 320 } } }}>
      <MenuItem onClick={() => onChoose('details')} data-testid={TESTIDS.certAction('details')}>
        <ListItemIcon>
          <InfoOutlinedIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText>Details</ListItemText>
      </MenuItem>
      <MenuItem onClick={() => onChoose('rename')} data-testid={TESTIDS.certAction('rename')}>
        <ListItemIcon>
          <DriveFileRenameOutlineIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText>Rename…</ListItemText>
      </MenuItem>
      <MenuItem
        onClick={() => onChoose('renew')}
        disabled={renewBlocker !== undefined}
        data-testid={TESTIDS.certAction('renew')}
      >
        <ListItemIcon>
          <AutorenewIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText secondary={renewBlocker} slotProps={{ secondary: { sx: { whiteSpace: 'normal' } } }}>
          Renew…
        </ListItemText>
      </MenuItem>
      {revocable && (
        <MenuItem onClick={() => onChoose('revoke')} data-testid={TESTIDS.certAction('revoke')}>
          <ListItemIcon>
            <BlockIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>Revoke…</ListItemText>
        </MenuItem>
      )}
      {cert.kind === 'ca' && (
        <MenuItem onClick={() => onChoose('push-crl')} data-testid={TESTIDS.certAction('push-crl')}>
          <ListItemIcon>
            <CloudUploadOutlinedIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>Push CRL to AWS…</ListItemText>
        </MenuItem>
      )}
      {cert.kind === 'ca' && (
        <MenuItem onClick={() => onChoose('update-anchor')} data-testid={TESTIDS.certAction('update-anchor')}>
          <ListItemIcon>
            <CloudSyncIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>Update trust anchor in AWS…</ListItemText>
        </MenuItem>
      )}
      <MenuItem onClick={() => onChoose('delete')} data-testid={TESTIDS.certAction('delete')}>
        <ListItemIcon>
          <DeleteOutlinedIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText>Delete…</ListItemText>
      </MenuItem>
    </Menu>
  );
}
