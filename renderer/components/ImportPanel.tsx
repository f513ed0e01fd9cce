import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api, ApiError, fileToBase64 } from '../api';
import { useAction } from '../hooks/use-action';
import { TESTIDS } from '../testids';
import DropZone from './DropZone';
import ErrorAlert from './ErrorAlert';

export interface ImportPanelProps {
  onImported: (imported: CertificateSummary[]) => void;
  prompt?: string;
}

/** A PFX needs its password; PEM files usually do not (an encrypted PEM key does). */
const looksLikePfx = (file: File) => /\.(pfx|p12)$/i.test(file.name);
const NEEDS_PASSWORD = new Set(['WRONG_PASSWORD', 'INVALID_PASSWORD']);

/**
 * Import by drag and drop: PEM (certificate + key, or separate files) or PFX. The files' bytes go to main as
 * base64; a password field appears for a PFX, or when main says a password is needed.
 */
export default function ImportPanel({ onImported, prompt }: ImportPanelProps) {
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [asked, setAsked] = useState(false);
  const [done, setDone] = useState<CertificateSummary[] | undefined>();
  const action = useAction(async () => {
    const encoded = await Promise.all(files.map(fileToBase64));
    try {
      return await api.certImport({
        files: encoded,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(password ? { password } : {}),
      });
    } catch (e) {
      // Keep the password field once main has asked for one, even while the next attempt runs.
      if (e instanceof ApiError && NEEDS_PASSWORD.has(e.info.code)) setAsked(true);
      throw e;
    }
  });

  const needsPassword = asked || files.some(looksLikePfx);

  const submit = async () => {
    const imported = await action.run();
    if (imported) {
      setDone(imported);
      setFiles([]);
      setPassword('');
      onImported(imported);
    }
  };

  return (
    <Stack spacing={2}>
      <DropZone
        prompt={prompt}
        onFiles={(chosen) => {
          setFiles(chosen.slice(0, 4));
          setDone(undefined);
          action.clearError();
        }}
      />
      {files.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {files.map((f) => (
            <Chip key={f.name} label={f.name} onDelete={() => setFiles(files.filter((x) => x !== f))} />
          ))}
        </Stack>
      )}
      <TextField label="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} />
      {needsPassword && (
        <TextField
          label="File password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          helperText="The password that protects the PFX or the encrypted key. It is used once and not stored."
          slotProps={{ htmlInput: { 'data-testid': TESTIDS.importPassword } }}
        />
      )}
      <ErrorAlert error={action.error} />
      {done && (
        <Alert severity="success" data-testid={TESTIDS.importResult}>
          Imported {done.map((c) => `${c.name} (${c.kind === 'ca' ? 'CA' : 'client'})`).join(', ')}.
        </Alert>
      )}
      <div>
        <Button
          variant="contained"
          disabled={files.length === 0 || action.busy}
          onClick={() => void submit()}
          data-testid={TESTIDS.importSubmit}
        >
          {action.busy ? 'Importing…' : 'Import'}
        </Button>
      </div>
    </Stack>
  );
}
