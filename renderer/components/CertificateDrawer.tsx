import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import BlockIcon from '@mui/icons-material/Block';
import CloseIcon from '@mui/icons-material/Close';
import DescriptionIcon from '@mui/icons-material/Description';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import type { CertificateSummary, CheckLevel, Verdict } from '../../shared/schemas/models';
import { api } from '../api';
import { expiresIn, formatDateTime } from '../format';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { KEY_TYPE_INFO } from '../../shared/domain/key-types';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import CheckIcon from './CheckIcon';
import type { CheckState } from './CheckIcon';
import ConfirmDialog from './ConfirmDialog';
import ErrorAlert from './ErrorAlert';
import ExportDialog from './ExportDialog';
import LabeledValue from './LabeledValue';
import StatusChip from './StatusChip';

export interface CertificateDrawerProps {
  cert: CertificateSummary;
  onClose: () => void;
  /** Something changed (revoked): reload the list. */
  onChanged: () => void;
}

const mono = { fontFamily: MONO_FONT, fontSize: 12.5, wordBreak: 'break-all' } as const;

const CHECK_STATE: Record<CheckLevel, CheckState> = { pass: 'ok', warn: 'warning', fail: 'failed' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The verdict in the app's words: WARN is accepted by AWS, FAIL is not. */
function verdictText(v: Verdict): string {
  if (v.level === 'fail') {
    return `AWS would reject it: ${plural(v.failures, 'failure')}${v.warnings ? `, ${plural(v.warnings, 'warning')}` : ''}.`;
  }
  return v.level === 'warn'
    ? `Ready for Roles Anywhere, with ${plural(v.warnings, 'warning')} (AWS accepts it, but it is not best practice).`
    : 'Ready for Roles Anywhere.';
}

/** Details of one certificate, its Roles Anywhere readiness checks (`inspect`), and what can be done with it. */
export default function CertificateDrawer({ cert, onClose, onChanged }: CertificateDrawerProps) {
  const inspection = useLoad(() => api.certInspect({ ref: cert.id }));
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [crlPath, setCrlPath] = useState<string | null | undefined>();
  const revoke = useAction(async () => {
    await api.certRevoke({ ref: cert.id });
    setConfirming(false);
    onChanged();
  });
  const crl = useAction(async () => setCrlPath((await api.caCrl({ ca: cert.id })).path));

  // Core judges the certificate in its own role: a CA by the trust-anchor rules, a client by the end-entity ones.
  const rules = inspection.data?.checks;
  const verdict = inspection.data?.verdict;
  const passed = rules?.filter((r) => r.level === 'pass').length ?? 0;

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{ paper: { sx: { width: { xs: '100%', sm: 480 } } } }}
    >
      <Box sx={{ p: 3 }} data-testid={TESTIDS.certDrawer} data-cert-id={cert.id}>
        <Stack direction="row" sx={{ alignItems: 'flex-start', mb: 2 }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="overline" color="text.secondary">
              {cert.kind === 'ca' ? 'Certificate authority' : 'Client certificate'}
            </Typography>
            <Typography variant="h5" component="h2">
              {cert.name}
            </Typography>
          </Box>
          <IconButton aria-label="Close details" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Stack>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <StatusChip status={cert.status} />
            <Typography variant="body2" color="text.secondary">
              Expires {expiresIn(cert.notAfter)}
            </Typography>
          </Stack>
          <LabeledValue label="Subject">
            <Typography variant="body2">{cert.subject}</Typography>
          </LabeledValue>
          <LabeledValue label="Issuer">
            <Typography variant="body2">{cert.issuer}</Typography>
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
        <Typography variant="subtitle1" component="h3">
          Roles Anywhere readiness{rules ? ` · ${passed} of ${rules.length} passed` : ''}
        </Typography>
        {verdict && (
          <Typography variant="body2" data-testid={TESTIDS.certVerdict} data-level={verdict.level}>
            {verdictText(verdict)}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          {cert.kind === 'ca'
            ? 'The rules AWS applies to a trust anchor.'
            : 'The rules AWS applies to a signing certificate.'}
        </Typography>
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
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
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
              onClick={() => void crl.run()}
              disabled={crl.busy}
              data-testid={TESTIDS.crlExport}
            >
              Export CRL…
            </Button>
          )}
          {cert.kind === 'client' && (
            <Button
              variant="outlined"
              color="error"
              startIcon={<BlockIcon />}
              onClick={() => setConfirming(true)}
              disabled={cert.status === 'revoked'}
              data-testid={TESTIDS.certRevoke}
            >
              {cert.status === 'revoked' ? 'Revoked' : 'Revoke…'}
            </Button>
          )}
        </Stack>
        <ErrorAlert error={crl.error ?? revoke.error} sx={{ mt: 2 }} />
        {crlPath !== undefined && (
          <Alert severity={crlPath ? 'success' : 'info'} sx={{ mt: 2 }}>
            {crlPath
              ? `CRL saved to ${crlPath}. Import it into Roles Anywhere (ImportCrl) so AWS rejects revoked certificates.`
              : 'Cancelled: no CRL was written.'}
          </Alert>
        )}
      </Box>
      {exporting && (
        <ExportDialog
          cert={cert}
          open
          onClose={() => setExporting(false)}
          initialFormat={cert.kind === 'ca' ? 'pem' : 'pfx'}
        />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Revoke “${cert.name}”?`}
        text="The certificate goes on the CA's revocation list. Once you import the new CRL into Roles Anywhere, AWS refuses sessions signed with it. This cannot be undone."
        confirmLabel="Revoke"
        confirmTestId={TESTIDS.revokeConfirm}
        busy={revoke.busy}
        onConfirm={() => void revoke.run()}
        onCancel={() => setConfirming(false)}
      />
    </Drawer>
  );
}
