import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import type { CertificateSummary } from '../../shared/schemas/models';
import { EXPIRY_GROUP_LABEL, SOON_DAYS } from '../certificate-relations';
import type { ExpiringItem, ExpiryGroup } from '../certificate-relations';
import { expiryPhrase, formatDateTime, plural, quotedList } from '../format';
import { TESTIDS } from '../testids';
import ClippedText from './ClippedText';

export interface ExpiringSoonPanelProps {
  items: ExpiringItem[];
  onOpen: (cert: CertificateSummary) => void;
  /** Renew, one click away: opens the renew confirmation, prefilled. */
  onRenew: (cert: CertificateSummary, from: HTMLElement) => void;
  renewBlocker: (cert: CertificateSummary) => string | undefined;
}

const GROUPS: ExpiryGroup[] = ['expired', 'week', 'month'];

/**
 * Expiry at a glance (issue 10 §4): what expires within 30 days, and what has expired while a profile still
 * depends on it, grouped and soonest first, each with Renew.
 */
export default function ExpiringSoonPanel(props: ExpiringSoonPanelProps) {
  const { items, onOpen, onRenew, renewBlocker } = props;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="expiring-title"
      data-testid={TESTIDS.expiringPanel}
      data-count={items.length}
      sx={{ p: 2, mb: 3 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: items.length ? 1 : 0 }}>
        <EventBusyIcon color={items.length ? 'warning' : 'disabled'} aria-hidden />
        <Typography variant="subtitle1" component="h2" id="expiring-title">
          Expiring soon
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {items.length
            ? `· ${plural(items.length, 'certificate')} to renew`
            : `· nothing expires in the next ${SOON_DAYS} days`}
        </Typography>
      </Stack>
      {GROUPS.map((group) => {
        const inGroup = items.filter((i) => i.group === group);
        if (inGroup.length === 0) return null;
        return (
          <Box key={group} data-testid={TESTIDS.expiringGroup} data-group={group} sx={{ mt: 1 }}>
            <Typography
              variant="overline"
              component="h3"
              color={group === 'expired' ? 'error' : 'text.secondary'}
              id={`expiring-${group}`}
            >
              {EXPIRY_GROUP_LABEL[group]}
            </Typography>
            <Box component="ul" aria-labelledby={`expiring-${group}`} sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {inGroup.map((item) => (
                <ExpiringRow
                  key={item.cert.id}
                  item={item}
                  onOpen={onOpen}
                  onRenew={onRenew}
                  blocker={renewBlocker(item.cert)}
                />
              ))}
            </Box>
          </Box>
        );
      })}
    </Paper>
  );
}

function ExpiringRow(props: {
  item: ExpiringItem;
  onOpen: (cert: CertificateSummary) => void;
  onRenew: (cert: CertificateSummary, from: HTMLElement) => void;
  blocker: string | undefined;
}) {
  const { item, onOpen, onRenew, blocker } = props;
  const { cert, usedBy } = item;
  return (
    <Box
      component="li"
      data-testid={TESTIDS.expiringItem}
      data-cert-id={cert.id}
      data-cert-name={cert.name}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: 1.5,
        rowGap: 0.5,
        py: 0.75,
        borderTop: 1,
        borderColor: 'divider',
      }}
    >
      <Chip size="small" variant="outlined" label={cert.kind === 'ca' ? 'CA' : 'Client'} />
      <Box sx={{ flex: '1 1 200px', minWidth: 0 }}>
        <Button
          variant="text"
          color="inherit"
          onClick={() => onOpen(cert)}
          aria-label={`${cert.name}: show details`}
          sx={{ p: 0, minWidth: 0, maxWidth: '100%', justifyContent: 'flex-start', fontWeight: 600 }}
        >
          <ClippedText text={cert.name} component="span" sx={{ fontWeight: 600 }} />
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {usedBy.length > 0 ? `Used by ${quotedList(usedBy)}` : 'No profile uses it'}
        </Typography>
      </Box>
      <Typography
        variant="body2"
        color={item.group === 'week' || item.group === 'expired' ? 'error' : 'text.primary'}
        title={formatDateTime(cert.notAfter)}
        sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
      >
        {expiryPhrase(cert.notAfter)}
      </Typography>
      <Button
        size="small"
        variant="outlined"
        startIcon={<AutorenewIcon />}
        onClick={(e) => onRenew(cert, e.currentTarget)}
        disabled={blocker !== undefined}
        aria-label={`Renew “${cert.name}”`}
        aria-describedby={blocker ? `expiring-why-${cert.id}` : undefined}
        data-testid={TESTIDS.expiringRenew}
      >
        Renew…
      </Button>
      {blocker && (
        <Typography
          variant="body2"
          color="text.secondary"
          id={`expiring-why-${cert.id}`}
          sx={{ flexBasis: '100%' }}
        >
          {blocker}
        </Typography>
      )}
    </Box>
  );
}
