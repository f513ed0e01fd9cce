import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import CertificateSummaryCard from '../components/CertificateSummaryCard';
import CreateCaForm from '../components/CreateCaForm';
import ErrorAlert from '../components/ErrorAlert';
import ImportPanel from '../components/ImportPanel';
import { useLoad } from '../hooks/use-load';
import { TESTIDS } from '../testids';

export interface CaStepProps {
  ca: CertificateSummary | undefined;
  onCa: (ca: CertificateSummary | undefined) => void;
}

type Mode = 'create' | 'import' | 'existing';

/** A CA can sign when Anchorage holds its key and it is still usable. */
const usable = (c: CertificateSummary) =>
  c.kind === 'ca' && c.hasPrivateKey && (c.status === 'valid' || c.status === 'expiring');

/** Step 1: create a CA, import one (drag and drop), or pick one Anchorage already holds. */
export default function CaStep({ ca, onCa }: CaStepProps) {
  const certs = useLoad(() => api.certList());
  const existing = (certs.data ?? []).filter(usable);
  const [mode, setMode] = useState<Mode>('create');
  const [chosen, setChosen] = useState('');

  if (ca) {
    return (
      <CertificateSummaryCard
        cert={ca}
        title="Your CA is ready"
        testId={TESTIDS.caCreated}
        onChange={() => onCa(undefined)}
      />
    );
  }

  return (
    <Stack spacing={3}>
      <Tabs value={mode} onChange={(_e, value: Mode) => setMode(value)} aria-label="How to get a CA">
        <Tab value="create" label="Create a new CA" data-testid={TESTIDS.caModeCreate} />
        <Tab value="import" label="Import a CA" data-testid={TESTIDS.caModeImport} />
        <Tab
          value="existing"
          label="Use an existing CA"
          disabled={existing.length === 0}
          data-testid={TESTIDS.caModeExisting}
        />
      </Tabs>
      <ErrorAlert error={certs.error} />
      <Box role="tabpanel">
        {mode === 'create' && <CreateCaForm onCreated={onCa} />}
        {mode === 'import' && (
          <ImportPanel
            prompt="Drop your CA certificate and its private key (PEM or PFX)"
            onImported={(imported) => {
              void certs.reload();
              const importedCa = imported.find(usable);
              if (importedCa) onCa(importedCa);
            }}
          />
        )}
        {mode === 'existing' && (
          <Stack spacing={2}>
            <TextField
              select
              label="Certificate authority"
              value={chosen || existing[0]?.id || ''}
              onChange={(e) => setChosen(e.target.value)}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.caExistingSelect } }}
            >
              {existing.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.subject})
                </option>
              ))}
            </TextField>
            <div>
              <Button
                variant="contained"
                onClick={() => onCa(existing.find((c) => c.id === (chosen || existing[0]?.id)))}
                disabled={existing.length === 0}
              >
                Use this CA
              </Button>
            </div>
          </Stack>
        )}
      </Box>
    </Stack>
  );
}
