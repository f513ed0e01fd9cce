import { useEffect, useRef } from 'react';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import type { CertificateSummary, ProfileOverview } from '../../shared/schemas/models';
import { statusWords } from '../certificate-choice';
import { useNow } from '../hooks/use-now';
import { TESTIDS } from '../testids';
import { sessionLengthLabel } from './SessionLengthSelect';

export interface ProfileListProps {
  profiles: ProfileOverview[];
  /** The certificates, to say in how many days an expiring one expires. */
  certificates?: CertificateSummary[];
  selected: string | undefined;
  onSelect: (name: string) => void;
  onEdit: (name: string) => void;
  onRemove: (name: string) => void;
  /** Move the keyboard focus to this profile's row once it is listed (after adding it); once per request. */
  focusRequest?: { name: string } | undefined;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Session until 14:05", "Session expired at 13:50", "No session yet", from the list's data and the clock. */
function sessionWords(p: ProfileOverview, now: number): { state: string; text: string } {
  const s = p.session;
  if (s.state === 'cached' && Date.parse(s.expiresAt) > now) {
    return { state: 'cached', text: `Session until ${time(s.expiresAt)}` };
  }
  if (s.state === 'cached') return { state: 'expired', text: `Session expired at ${time(s.expiresAt)}` };
  if (s.state === 'expired') return { state: 'expired', text: `Session expired at ${time(s.expiredAt)}` };
  return { state: 'none', text: 'No session yet' };
}

/** The endpoint's host, which is what tells an emulator or VPC endpoint apart. */
function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

const ELLIPSIS = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/**
 * Roles Anywhere profiles, each with its certificate and that certificate's status, its region and session
 * length, and whether it has a session (issue 10 §2). Selecting one shows its live credentials; Edit and Remove
 * act on it. Long names ellipsize, with the full text in a tooltip.
 */
export default function ProfileList(props: ProfileListProps) {
  const { profiles, certificates, selected, onSelect, onEdit, onRemove, focusRequest } = props;
  const now = useNow(30_000);
  const rows = useRef(new Map<string, HTMLDivElement>());
  const handled = useRef<{ name: string } | undefined>(undefined);
  useEffect(() => {
    const row = focusRequest && rows.current.get(focusRequest.name);
    if (!row || handled.current === focusRequest) return;
    handled.current = focusRequest;
    row.focus();
  }, [focusRequest, profiles]);

  return (
    <List aria-label="Profiles" sx={{ p: 0 }}>
      {profiles.map((p) => {
        const cert = certificates?.find((c) => c.id === p.certificateId);
        const status = statusWords(p.certificateStatus, cert?.daysToExpiry);
        const session = sessionWords(p, now);
        const where = [p.region, `${sessionLengthLabel(p.durationSeconds)} sessions`];
        if (p.endpoint) where.push(endpointHost(p.endpoint));
        const problem = ['expired', 'revoked', 'not-yet-valid', 'missing'].includes(p.certificateStatus);
        return (
          <ListItem
            key={p.name}
            disablePadding
            data-testid={TESTIDS.profileRow}
            data-profile={p.name}
            secondaryAction={
              <Stack direction="row">
                <Tooltip title={`Edit profile ${p.name}`}>
                  <IconButton
                    aria-label={`Edit profile ${p.name}`}
                    onClick={() => onEdit(p.name)}
                    data-testid={TESTIDS.profileRowEdit}
                  >
                    <EditIcon />
                  </IconButton>
                </Tooltip>
                <Tooltip title={`Remove profile ${p.name}`}>
                  <IconButton
                    edge="end"
                    aria-label={`Remove profile ${p.name}`}
                    onClick={() => onRemove(p.name)}
                    data-testid={TESTIDS.profileRemove}
                  >
                    <DeleteIcon />
                  </IconButton>
                </Tooltip>
              </Stack>
            }
            sx={{
              '& .MuiListItemSecondaryAction-root': { top: 28 },
              // Room for both actions (2 × 40 px). MUI's own rule for a ListItem with a secondary action
              // (`& > .MuiListItemButton-root { padding-right: 48px }`, room for one) outranks the button's sx,
              // and would let a long name run under Edit.
              '& > .MuiListItemButton-root': { pr: 12 },
            }}
          >
            <ListItemButton
              selected={p.name === selected}
              onClick={() => onSelect(p.name)}
              ref={(node: HTMLDivElement | null) => {
                if (node) rows.current.set(p.name, node);
                else rows.current.delete(p.name);
              }}
              sx={{ borderRadius: 2, display: 'block', minWidth: 0 }}
            >
              <Tooltip title={p.name} placement="top-start">
                <Typography sx={{ fontWeight: 600, ...ELLIPSIS }} data-testid={TESTIDS.profileRowName}>
                  {p.name}
                </Typography>
              </Tooltip>
              <Typography
                variant="body2"
                sx={{
                  ...ELLIPSIS,
                  // The darker and lighter reds keep 4.5:1 on the list in light and dark mode.
                  color: (t) =>
                    problem
                      ? t.palette.error[t.palette.mode === 'dark' ? 'light' : 'dark']
                      : t.palette.text.secondary,
                }}
                title={`Certificate ${p.certificateName}: ${status}`}
                data-testid={TESTIDS.profileRowCertificate}
                data-status={p.certificateStatus}
              >
                {p.certificateName} · {status}
              </Typography>
              <Typography
                variant="body2"
                color="text.secondary"
                sx={ELLIPSIS}
                title={where.join(' · ')}
                data-testid={TESTIDS.profileRowRegion}
              >
                {where.join(' · ')}
              </Typography>
              <Typography
                variant="body2"
                color="text.secondary"
                sx={ELLIPSIS}
                data-testid={TESTIDS.profileRowSession}
                data-state={session.state}
              >
                {session.text}
              </Typography>
            </ListItemButton>
          </ListItem>
        );
      })}
    </List>
  );
}
