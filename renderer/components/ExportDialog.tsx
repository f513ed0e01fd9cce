import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { PFX_PROFILE_INFO } from '../../shared/domain/key-types';
import type { PfxProfile } from '../../shared/domain/key-types';
import { MIN_EXPORT_PASSWORD_LENGTH, exportPasswordProblem } from '../../shared/domain/limits';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import { focusFirstField } from '../focus-first-field';
import { useAction } from '../hooks/use-action';
import { useClipboardNotice } from '../hooks/clipboard-notice-context';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';
import CheckboxOption from './CheckboxOption';
import OptionLabel from './OptionLabel';

type Format = 'pem' | 'chain' | 'pfx';

const FORMATS: Array<{ id: Format; label: string; help: string }> = [
  { id: 'pem', label: 'Certificate (PEM)', help: 'The certificate alone; public, no key.' },
  { id: 'chain', label: 'Certificate chain (PEM)', help: 'The certificate followed by its CA certificates.' },
  {
    id: 'pfx',
    label: 'PFX / PKCS#12',
    help: 'Certificate, chain and private key in one password-protected file.',
  },
];

/** PFX profiles named after where the file goes (ARCHITECTURE §6), in PFX_PROFILE_INFO's order. */
const PFX_OPTIONS = Object.entries(PFX_PROFILE_INFO) as Array<
  [PfxProfile, (typeof PFX_PROFILE_INFO)[PfxProfile]]
>;

// Radio beside a two-line label: align to the first line.
const OPTION_SX = { alignItems: 'flex-start', '& .MuiRadio-root': { pt: 0.75 } } as const;

export interface ExportDialogProps {
  cert: CertificateSummary;
  open: boolean;
  onClose: () => void;
  initialFormat?: Format;
}

/**
 * Export a certificate. Main shows the save dialog, writes the file and, for a PFX, reads it back to prove it
 * opens. A generated password is put on the clipboard by main (and cleared later); it never reaches this window.
 */
export default function ExportDialog({ cert, open, onClose, initialFormat = 'pfx' }: ExportDialogProps) {
  const notify = useClipboardNotice();
  const canPfx = cert.hasPrivateKey;
  const [format, setFormat] = useState<Format>(canPfx ? initialFormat : 'pem');
  const [preset, setPreset] = useState<PfxProfile>('legacy');
  const [passwordKind, setPasswordKind] = useState<'generated' | 'typed'>('generated');
  const [password, setPassword] = useState('');
  // A CA's key signs certificates the trust anchor accepts: exporting it takes an explicit yes.
  const [includeCaKey, setIncludeCaKey] = useState(false);
  const needsCaKeyConsent = cert.kind === 'ca' && format === 'pfx';
  const [result, setResult] = useState<{
    path: string | null;
    description: string;
    passwordCopied: boolean;
  }>();

  // The one rule of export passwords (shared/domain/limits.ts), worded for this field.
  const passwordIssue = passwordKind === 'typed' ? exportPasswordProblem(password) : undefined;
  const passwordProblem = !passwordIssue
    ? undefined
    : passwordIssue.facts.reason === 'too-short'
      ? `At least ${MIN_EXPORT_PASSWORD_LENGTH} characters.`
      : 'Use ASCII characters only: Java cannot open a PFX with any other password.';

  const run = useAction(async () => {
    const value = await api.certExport({
      ref: cert.id,
      format,
      ...(format === 'pfx'
        ? {
            pfxProfile: preset,
            password:
              passwordKind === 'generated'
                ? { kind: 'generated' as const }
                : { kind: 'typed' as const, value: password },
            ...(needsCaKeyConsent ? { includePrivateKey: includeCaKey } : {}),
          }
        : {}),
    });
    setResult(value);
    setPassword('');
    if (value.passwordCopied && value.clipboardClearsAt) {
      notify({ what: 'Generated PFX password', clearsAt: value.clipboardClearsAt });
    }
  });

  const ready = format !== 'pfx' || (!passwordProblem && (!needsCaKeyConsent || includeCaKey));

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="export-title">
      <DialogTitle id="export-title">Export “{cert.name}”</DialogTitle>
      <DialogContent data-testid={TESTIDS.exportDialog} ref={focusFirstField}>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          <FormControl>
            <FormLabel id="export-format">Format</FormLabel>
            <RadioGroup
              aria-labelledby="export-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as Format)}
            >
              {FORMATS.map((f) => (
                <FormControlLabel
                  sx={OPTION_SX}
                  key={f.id}
                  value={f.id}
                  disabled={f.id === 'pfx' && !canPfx}
                  control={
                    <Radio slotProps={{ input: { 'data-testid': TESTIDS.exportFormat(f.id) } as object }} />
                  }
                  label={
                    <OptionLabel
                      title={f.label}
                      help={
                        f.id === 'pfx' && !canPfx
                          ? 'Needs the private key, which Anchorage does not hold.'
                          : f.help
                      }
                    />
                  }
                />
              ))}
            </RadioGroup>
          </FormControl>
          {format === 'pfx' && (
            <>
              <FormControl>
                <FormLabel id="export-preset">Target</FormLabel>
                <RadioGroup
                  aria-labelledby="export-preset"
                  value={preset}
                  onChange={(e) => setPreset(e.target.value as PfxProfile)}
                >
                  {PFX_OPTIONS.map(([id, info]) => (
                    <FormControlLabel
                      sx={OPTION_SX}
                      key={id}
                      value={id}
                      control={
                        <Radio slotProps={{ input: { 'data-testid': TESTIDS.exportPreset(id) } as object }} />
                      }
                      label={<OptionLabel title={info.label} help={info.help} />}
                    />
                  ))}
                </RadioGroup>
              </FormControl>
              <FormControl>
                <FormLabel id="export-password">Password</FormLabel>
                <RadioGroup
                  aria-labelledby="export-password"
                  value={passwordKind}
                  onChange={(e) => setPasswordKind(e.target.value as 'generated' | 'typed')}
                >
                  <FormControlLabel
                    sx={OPTION_SX}
                    value="generated"
                    control={
                      <Radio
                        slotProps={{ input: { 'data-testid': TESTIDS.exportPasswordGenerated } as object }}
                      />
                    }
                    label={
                      <OptionLabel
                        title="Generate a strong password"
                        help="Anchorage copies it to your clipboard (cleared after the Settings delay) and does not keep it."
                      />
                    }
                  />
                  <FormControlLabel
                    sx={OPTION_SX}
                    value="typed"
                    control={
                      <Radio
                        slotProps={{ input: { 'data-testid': TESTIDS.exportPasswordTyped } as object }}
                      />
                    }
                    label={
                      <OptionLabel
                        title="Type a password"
                        help="ASCII only, so every Java runtime can open the file."
                      />
                    }
                  />
                </RadioGroup>
              </FormControl>
              {passwordKind === 'typed' && (
                <TextField
                  label="PFX password"
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  error={password !== '' && Boolean(passwordProblem)}
                  helperText={passwordProblem ?? 'ASCII only, so every Java runtime can open the file.'}
                  slotProps={{ htmlInput: { 'data-testid': TESTIDS.exportPassword } }}
                />
              )}
            </>
          )}
          {needsCaKeyConsent && (
            <CheckboxOption
              sx={OPTION_SX}
              checked={includeCaKey}
              onChange={setIncludeCaKey}
              testId={TESTIDS.exportIncludeCaKey}
              title="Include the CA's private key"
              help="Anyone with this file and its password can issue certificates that your trust anchor accepts. Keep it offline."
            />
          )}
          <ErrorAlert error={run.error} onClose={run.clearError} />
          {result && (
            <Alert
              severity={result.path ? 'success' : 'info'}
              data-testid={TESTIDS.exportResult}
              data-path={result.path ?? ''}
            >
              {result.path
                ? `Saved to ${result.path}. ${result.description}`
                : 'Export cancelled: no file was written.'}
              {result.path && result.passwordCopied
                ? ' The generated password is on your clipboard: paste it where the file goes (or into your password manager) now.'
                : ''}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{result?.path ? 'Done' : 'Cancel'}</Button>
        <Button
          variant="contained"
          onClick={() => void run.run()}
          disabled={!ready || run.busy}
          data-testid={TESTIDS.exportSubmit}
        >
          {run.busy ? 'Exporting…' : 'Export…'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
