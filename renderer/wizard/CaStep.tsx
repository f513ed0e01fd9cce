import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import CertificateSummaryCard from '../components/CertificateSummaryCard';
import CreateCaForm from '../components/CreateCaForm';
import ImportPanel from '../components/ImportPanel';
import StatusChip from '../components/StatusChip';
import { TESTIDS } from '../testids';
import ChoiceList from './ChoiceList';
import ModeTabs from './ModeTabs';
import { expiryPhrase } from './phrases';
import { usableCa } from './progress';

export interface CaStepProps {
  /** The CA chosen so far (stored in core), if any. */
  ca: CertificateSummary | undefined;
  /** Every certificate Anchorage holds. */
  certs: readonly CertificateSummary[];
  onCa: (ca: CertificateSummary) => void;
  /** Certificates that appeared here (an import), for the wizard's list. */
  onCerts: (certs: CertificateSummary[]) => void;
}

type Mode = 'create' | 'import' | 'existing';

/**
 * Step 1: create a CA, import one (drag and drop), or use one Anchorage already holds (only usable ones: key
 * held, valid or expiring). Once chosen, a card shows it; "Choose another" brings the choices back with a way
 * to keep the current one.
 */
export default function CaStep({ ca, certs, onCa, onCerts }: CaStepProps) {
  const existing = certs.filter(usableCa);
  const [changing, setChanging] = useState(false);
  const [mode, setMode] = useState<Mode>('create');
  const [chosen, setChosen] = useState('');
  // Set by the user's own actions, so a resumed wizard never steals the focus on arrival.
  const [acted, setActed] = useState(false);

  const choose = (value: CertificateSummary) => {
    setActed(true);
    setChanging(false);
    onCa(value);
  };

  if (ca && !changing) {
    return (
      <CertificateSummaryCard
        cert={ca}
        title="Your CA is ready"
        testId={TESTIDS.caCreated}
        onChange={() => {
          setActed(true);
          setChanging(true);
          setMode(existing.length > 0 ? 'existing' : 'create');
        }}
        changeTestId={TESTIDS.caChange}
        focusOnMount={acted}
      />
    );
  }

  const selected = existing.some((c) => c.id === chosen)
    ? chosen
    : ((existing.find((c) => c.id === ca?.id) ?? existing[0])?.id ?? '');
  return (
    <Stack spacing={2}>
      <ModeTabs<Mode>
        label="How to get a CA"
        value={mode}
        onChange={setMode}
        focusOnMount={acted}
        modes={[
          { key: 'create', label: 'Create a new CA', testId: TESTIDS.caModeCreate },
          { key: 'import', label: 'Import a CA', testId: TESTIDS.caModeImport },
          {
            key: 'existing',
            label: `Use an existing CA${existing.length ? ` (${existing.length})` : ''}`,
            testId: TESTIDS.caModeExisting,
            disabled: existing.length === 0,
          },
        ]}
      >
        {mode === 'create' && <CreateCaForm onCreated={choose} />}
        {mode === 'import' && (
          <ImportPanel
            prompt="Drop your CA certificate and its private key (PEM or PFX)"
            onImported={(imported) => {
              onCerts(imported);
              const importedCa = imported.find(usableCa);
              if (importedCa) choose(importedCa);
            }}
          />
        )}
        {mode === 'existing' && (
          <Stack spacing={2}>
            <ChoiceList
              label="Certificate authorities with their private key in Anchorage"
              testId={TESTIDS.caExistingSelect}
              value={selected}
              onChange={setChosen}
              choices={existing.map((c) => ({
                id: c.id,
                title: c.name,
                status: <StatusChip status={c.status} />,
                detail: `${c.subject} · ${expiryPhrase(c)}`,
              }))}
            />
            <div>
              <Button
                variant="contained"
                onClick={() => {
                  const pick = existing.find((c) => c.id === selected);
                  if (pick) choose(pick);
                }}
                disabled={selected === ''}
                data-testid={TESTIDS.caExistingUse}
              >
                Use this CA
              </Button>
            </div>
          </Stack>
        )}
      </ModeTabs>
      {ca && (
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 1.5, minWidth: 0 }}>
          <Typography variant="body2" color="text.secondary">
            Or keep the CA chosen before.
          </Typography>
          <Button
            onClick={() => choose(ca)}
            data-testid={TESTIDS.caKeep}
            sx={{ overflowWrap: 'anywhere', textAlign: 'left' }}
          >
            Keep “{ca.name}”
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
