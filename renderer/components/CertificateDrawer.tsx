import { useState } from 'react';
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import BlockIcon from '@mui/icons-material/Block';
import CloseIcon from '@mui/icons-material/Close';
import CloudSyncIcon from '@mui/icons-material/CloudSync';
import CloudUploadOutlinedIcon from '@mui/icons-material/CloudUploadOutlined';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import DescriptionIcon from '@mui/icons-material/Description';
import DriveFileRenameOutlineIcon from '@mui/icons-material/DriveFileRenameOutline';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import type { CertificateStatus, CertificateSummary, CheckLevel, Verdict } from '../../shared/schemas/models';
import { api } from '../api';
import { expiryPhrase, formatDateTime, plural, quotedList } from '../format';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { KEY_TYPE_INFO } from '../../shared/domain/key-types';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import type { LifecycleVerb } from './CertificateActionsMenu';
import CheckIcon from './CheckIcon';
import type { CheckState } from './CheckIcon';
import ErrorAlert from './ErrorAlert';
import ExportDialog from './ExportDialog';
import LabeledValue from './LabeledValue';
import StatusChip from './StatusChip';

/** The ids the page puts the focus on after an action: the drawer's title, and its readiness heading. */
export const DRAWER_TITLE_ID = 'cert-drawer-title';
export const READINESS_ID = 'cert-readiness';

export interface CertificateDrawerProps {
  cert: CertificateSummary;
  /** The CA that issued it, when it is in Anchorage. */
  issuer: CertificateSummary | undefined;
  /** Profiles that sign with it. */
  usedBy: readonly string[];
  /** For a CA: the certificates it issued. */
  issued: readonly CertificateSummary[];
  /** Why it cannot be renewed, if it cannot. */
  renewBlocker: string | undefined;
  /** The result of the last action on it (a renewal), shown at the top. */
  notice?: ReactNode;
  onClose: () => void;
  /** Show another certificate (its issuer). */
  onOpen: (cert: CertificateSummary) => void;
  /** A lifecycle verb; `from` is the button, to give the focus back to. */
  onAction: (verb: LifecycleVerb, cert: CertificateSummary, from: HTMLElement) => void;
  /**
   * Rendered inside the drawer (the page's snackbar): a modal drawer hides and traps out everything else, so
   * a result with Undo must be inside it to be announced and reachable by keyboard.
   */
  children?: ReactNode;
}

const mono = { fontFamily: MONO_FONT, fontSize: 12.5, wordBreak: 'break-all' } as const;

const CHECK_STATE: Record<CheckLevel, CheckState> = { pass: 'ok', warn: 'warning', fail: 'failed' };

/** A state that makes the checks beside the point: said before the check count (issue 10: "11 of 11 passed"). */
const UNUSABLE: Partial<Record<CertificateStatus, string>> = {
  revoked: 'Revoked, not usable',
  expired: 'Expired, not usable',
  'not-yet-valid': 'Not valid yet',
};

/**
 * The verdict in the app's words: WARN is accepted by AWS, FAIL is not. For a certificate that cannot be used
 * (revoked, expired, not yet valid) it speaks of its contents only, never "ready".
 */
function verdictText(v: Verdict, unusable: boolean): string {
  if (unusable) {
    if (v.level === 'fail') return `AWS would reject its contents too: ${plural(v.failures, 'failure')}.`;
    return v.level === 'warn'
      ? `Its contents meet the rules, with ${plural(v.warnings, 'warning')}.`
      : 'Its contents meet the rules; its state does not.';
  }
  if (v.level === 'fail') {
    return `AWS would reject it: ${plural(v.failures, 'failure')}${v.warnings ? `, ${plural(v.warnings, 'warning')}` : ''}.`;
  }
  return v.level === 'warn'
    ? `Ready for Roles Anywhere, with ${plural(v.warnings, 'warning')} (AWS accepts it, but it is not best practice).`
    : 'Ready for Roles Anywhere.';
}

/** What the certificate's state means before any check: revoked, expired, not yet valid, superseded. */
function stateText(cert: CertificateSummary): string | undefined {
  switch (cert.status) {
    case 'revoked':
      return `Revoked${cert.revokedAt ? ` on ${formatDateTime(cert.revokedAt)}` : ''}: Anchorage no longer signs sessions with it, and AWS refuses it once the CA's new CRL is imported.`;
    case 'expired':
      return `Expired on ${formatDateTime(cert.notAfter)}: AWS refuses it.`;
    case 'not-yet-valid':
      return `Valid from ${formatDateTime(cert.notBefore)}; AWS refuses it until then.`;
    case 'superseded':
      return 'Superseded: a renewed certificate took its name and its profiles. This one still works until it expires.';
    default:
      return undefined;
  }
}

/** Details of one certificate, its Roles Anywhere readiness checks (`inspect`), and what can be done with it. */
export default function CertificateDrawer(props: CertificateDrawerProps) {
  return (
    <Drawer
      anchor="right"
      open
      onClose={props.onClose}
      slotProps={{
        paper: {
          'aria-labelledby': DRAWER_TITLE_ID,
          sx: { width: { xs: '100%', sm: 480 } },
        } as object,
      }}
    >
      {/* Keyed by id: another certificate (the renewed one, an issuer) loads its own checks. */}
      <CertificateDetails key={props.cert.id} {...props} />
      {props.children}
    </Drawer>
  );
}

function CertificateDetails(props: CertificateDrawerProps) {
  const { cert, issuer, usedBy, issued, renewBlocker, notice, onClose, onOpen, onAction } = props;
  const inspection = useLoad(() => api.certInspect({ ref: cert.id }));
  const [exporting, setExporting] = useState(false);
  const [crlPath, setCrlPath] = useState<string | null | undefined>();
  const crl = useAction(async () => setCrlPath((await api.caCrl({ ca: cert.id })).path));

  // Core judges the certificate in its own role: a CA by the trust-anchor rules, a client by the end-entity ones.
  const rules = inspection.data?.checks;
  const verdict = inspection.data?.verdict;
  const passed = rules?.filter((r) => r.level === 'pass').length ?? 0;
  const unusable = UNUSABLE[cert.status];
  const state = stateText(cert);
  const revokedIssued = issued.filter((c) => c.status === 'revoked');
  const act = (verb: LifecycleVerb) => (e: { currentTarget: HTMLElement }) =>
    onAction(verb, cert, e.currentTarget);

  return (
    <Box sx={{ p: 3 }} data-testid={TESTIDS.certDrawer} data-cert-id={cert.id} data-status={cert.status}>
      <Stack direction="row" sx={{ alignItems: 'flex-start', mb: 2 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="overline" color="text.secondary">
            {cert.kind === 'ca' ? 'Certificate authority' : 'Client certificate'}
          </Typography>
          <Typography
            variant="h5"
            component="h2"
            id={DRAWER_TITLE_ID}
            tabIndex={-1}
            data-testid={TESTIDS.certDrawerTitle}
            sx={{ overflowWrap: 'anywhere', outline: 'none' }}
          >
            {cert.name}
          </Typography>
        </Box>
        <IconButton aria-label="Close details" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Stack>
      {notice}
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <StatusChip status={cert.status} />
          <Typography variant="body2" color="text.secondary">
            {expiryPhrase(cert.notAfter)}
          </Typography>
        </Stack>
        <LabeledValue label="Subject">
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            {cert.subject}
          </Typography>
        </LabeledValue>
        <LabeledValue label="Issuer">
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            {cert.issuer}
          </Typography>
          {issuer && issuer.id !== cert.id && (
            <Link
              component="button"
              variant="body2"
              onClick={() => onOpen(issuer)}
              sx={{ alignSelf: 'flex-start', textAlign: 'left', overflowWrap: 'anywhere' }}
            >
              Show the CA “{issuer.name}”
            </Link>
          )}
        </LabeledValue>
        <LabeledValue label={cert.kind === 'ca' ? 'Issued' : 'Used by'}>
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            {cert.kind === 'ca'
              ? issued.length === 0
                ? 'No certificates yet.'
                : `${plural(issued.length, 'certificate')}${revokedIssued.length ? `, ${revokedIssued.length} revoked` : ''}.`
              : usedBy.length === 0
                ? 'No profile signs with it.'
                : `${usedBy.length === 1 ? 'Profile' : 'Profiles'} ${quotedList(usedBy)}.`}
          </Typography>
        </LabeledValue>
        <LabeledValue label="Serial (hex / decimal)">
          <Typography sx={mono}>{cert.serialHex}</Typography>
          <Typography sx={mono}>{cert.serialNumber}</Typography>
        </LabeledValue>
        <LabeledValue label="Valid">
          <Typography variant="body2">
            {formatDateTime(cert.notBefore)} – {formatDateTime(cert.notAfter)}
          </Typography>
        </LabeledValue>
        <LabeledValue label="Key">
          <Typography variant="body2">
            {KEY_TYPE_INFO[cert.keyType].label} ·{' '}
            {cert.hasPrivateKey ? 'private key in the vault' : 'no private key held'}
          </Typography>
        </LabeledValue>
        <LabeledValue label="SHA-256 fingerprint">
          <Typography sx={mono}>{cert.sha256Fingerprint}</Typography>
        </LabeledValue>
      </Stack>
      <Divider sx={{ my: 3 }} />
      <Typography
        variant="subtitle1"
        component="h3"
        id={READINESS_ID}
        tabIndex={-1}
        data-testid={TESTIDS.certReadiness}
        data-status={cert.status}
        sx={{ outline: 'none' }}
      >
        Roles Anywhere readiness{unusable ? ` · ${unusable}` : ''}
        {rules ? ` · ${passed} of ${rules.length} checks passed` : ''}
      </Typography>
      {state && (
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {state}
        </Typography>
      )}
      {verdict && (
        <Typography variant="body2" data-testid={TESTIDS.certVerdict} data-level={verdict.level}>
          {verdictText(verdict, unusable !== undefined)}
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        {cert.kind === 'ca'
          ? 'The rules AWS applies to a trust anchor.'
          : 'The rules AWS applies to a signing certificate.'}
      </Typography>
      {cert.status === 'revoked' && cert.kind === 'client' && (
        <Alert severity="info" sx={{ mt: 1.5 }} data-testid={TESTIDS.certCrlReminder}>
          AWS learns of the revocation from the CA's CRL: push it to AWS from here, or export it (Export CRL…
          on the CA) and import it into Roles Anywhere (ImportCrl).
          {issuer && (
            <Stack
              direction="row"
              spacing={1.5}
              useFlexGap
              sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}
            >
              <Button
                size="small"
                variant="outlined"
                color="inherit"
                startIcon={<CloudUploadOutlinedIcon />}
                onClick={(e) => onAction('push-crl', issuer, e.currentTarget)}
                data-testid={TESTIDS.crlReminderPush}
              >
                Push the CRL to AWS…
              </Button>
              <Link
                component="button"
                variant="body2"
                onClick={() => onOpen(issuer)}
                sx={{ textAlign: 'left' }}
              >
                Show the CA “{issuer.name}”
              </Link>
            </Stack>
          )}
        </Alert>
      )}
      {cert.kind === 'ca' && revokedIssued.length > 0 && crlPath === undefined && (
        <Alert severity="info" sx={{ mt: 1.5 }} data-testid={TESTIDS.certCrlReminder}>
          {`${plural(revokedIssued.length, 'certificate')} it issued ${revokedIssued.length === 1 ? 'is' : 'are'} revoked: push the CRL to AWS, or export it and import it into Roles Anywhere (ImportCrl), so that AWS refuses ${revokedIssued.length === 1 ? 'it' : 'them'} too.`}
          <Box sx={{ mt: 1 }}>
            <Button
              size="small"
              variant="outlined"
              color="inherit"
              startIcon={<CloudUploadOutlinedIcon />}
              onClick={act('push-crl')}
              data-testid={TESTIDS.crlReminderPush}
            >
              Push the CRL to AWS…
            </Button>
          </Box>
        </Alert>
      )}
      <ErrorAlert error={inspection.error} sx={{ mt: 1 }} />
      <List dense>
        {(rules ?? []).map((rule) => (
          <ListItem
            key={rule.rule}
            data-testid={TESTIDS.certCheck}
            data-pass={rule.level === 'pass' ? 'true' : 'false'}
            data-level={rule.level}
            disableGutters
          >
            <ListItemIcon sx={{ minWidth: 36 }}>
              <CheckIcon state={CHECK_STATE[rule.level]} />
            </ListItemIcon>
            <ListItemText primary={rule.rule} secondary={rule.detail} />
          </ListItem>
        ))}
      </List>
      <Divider sx={{ my: 2 }} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<SaveAltIcon />}
          onClick={() => setExporting(true)}
          data-testid={TESTIDS.certExport}
        >
          Export…
        </Button>
        {cert.kind === 'ca' && (
          <Button
            variant="outlined"
            startIcon={<DescriptionIcon />}
            onClick={() => !crl.busy && void crl.run()}
            aria-disabled={crl.busy ? 'true' : undefined}
            data-testid={TESTIDS.crlExport}
          >
            Export CRL…
          </Button>
        )}
        {cert.kind === 'ca' && (
          <Button
            variant="outlined"
            startIcon={<CloudUploadOutlinedIcon />}
            onClick={act('push-crl')}
            data-testid={TESTIDS.certPushCrl}
          >
            Push CRL to AWS…
          </Button>
        )}
        {cert.kind === 'ca' && (
          <Button
            variant="outlined"
            startIcon={<CloudSyncIcon />}
            onClick={act('update-anchor')}
            data-testid={TESTIDS.certUpdateAnchor}
          >
            Update trust anchor…
          </Button>
        )}
        <Button
          variant="outlined"
          startIcon={<DriveFileRenameOutlineIcon />}
          onClick={act('rename')}
          data-testid={TESTIDS.certRename}
        >
          Rename…
        </Button>
        <Button
          variant="outlined"
          startIcon={<AutorenewIcon />}
          onClick={act('renew')}
          disabled={renewBlocker !== undefined}
          aria-describedby={renewBlocker ? 'cert-renew-why' : undefined}
          data-testid={TESTIDS.certRenew}
        >
          Renew…
        </Button>
        {cert.kind === 'client' && (
          <Button
            variant="outlined"
            color="error"
            startIcon={<BlockIcon />}
            onClick={act('revoke')}
            disabled={cert.status === 'revoked'}
            data-testid={TESTIDS.certRevoke}
          >
            {cert.status === 'revoked' ? 'Revoked' : 'Revoke…'}
          </Button>
        )}
        <Button
          variant="outlined"
          color="error"
          startIcon={<DeleteOutlinedIcon />}
          onClick={act('delete')}
          data-testid={TESTIDS.certDelete}
        >
          Delete…
        </Button>
      </Stack>
      {renewBlocker && (
        <Typography variant="body2" color="text.secondary" id="cert-renew-why" sx={{ mt: 1 }}>
          Renew is not available. {renewBlocker}
        </Typography>
      )}
      <ErrorAlert error={crl.error} sx={{ mt: 2 }} />
      {crlPath !== undefined && (
        <Alert severity={crlPath ? 'success' : 'info'} sx={{ mt: 2 }}>
          {crlPath
            ? `CRL saved to ${crlPath}. Import it into Roles Anywhere (ImportCrl) so AWS rejects revoked certificates.`
            : 'Cancelled: no CRL was written.'}
        </Alert>
      )}
      {exporting && (
        <ExportDialog
          cert={cert}
          open
          onClose={() => setExporting(false)}
          initialFormat={cert.kind === 'ca' ? 'pem' : 'pfx'}
        />
      )}
    </Box>
  );
}
