import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import CertificateSummaryCard from '../components/CertificateSummaryCard';
import IssueCertForm from '../components/IssueCertForm';
import StatusChip from '../components/StatusChip';
import { TESTIDS } from '../testids';
import ChoiceList from './ChoiceList';
import ModeTabs from './ModeTabs';
import { expiryPhrase } from './phrases';
import { unusableReason } from './progress';

export interface ClientStepProps {
  ca: CertificateSummary;
  client: CertificateSummary | undefined;
  /** Every certificate Anchorage holds. */
  certs: readonly CertificateSummary[];
  onClient: (client: CertificateSummary) => void;
}

type Mode = 'issue' | 'existing';

/**
 * The client certificates `ca` issued whose key Anchorage holds: usable ones first (newest first), then the
 * revoked, expired and superseded ones, shown with their status but not choosable.
 */
function candidates(ca: CertificateSummary, certs: readonly CertificateSummary[]): CertificateSummary[] {
  const mine = certs.filter((c) => c.kind === 'client' && c.issuerId === ca.id && c.hasPrivateKey);
  const rank = (c: CertificateSummary) => (unusableReason(c) ? 1 : 0);
  return [...mine].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}

/** Step 2: issue the client certificate that will sign CreateSession, or use one this CA issued before. */
export default function ClientStep({ ca, client, certs, onClient }: ClientStepProps) {
  const list = candidates(ca, certs);
  const usable = list.filter((c) => !unusableReason(c));
  const [changing, setChanging] = useState(false);
  const [mode, setMode] = useState<Mode>('issue');
  const [chosen, setChosen] = useState('');
  const [acted, setActed] = useState(false);

  const choose = (value: CertificateSummary) => {
    setActed(true);
    setChanging(false);
    onClient(value);
  };

  if (client && !changing) {
    return (
      <CertificateSummaryCard
        cert={client}
        title="Client certificate ready"
        testId={TESTIDS.certIssued}
        onChange={() => {
          setActed(true);
          setChanging(true);
          setMode(usable.length > 0 ? 'existing' : 'issue');
        }}
        changeLabel="Choose another"
        changeTestId={TESTIDS.clientChange}
        focusOnMount={acted}
      />
    );
  }

  // Never an unusable one preselected: the stored choice if still usable, else the newest usable one.
  const selected = usable.some((c) => c.id === chosen)
    ? chosen
    : ((usable.find((c) => c.id === client?.id) ?? usable[0])?.id ?? '');
  return (
    <Stack spacing={2}>
      <ModeTabs<Mode>
        label="How to get a client certificate"
        value={mode}
        onChange={setMode}
        focusOnMount={acted}
        modes={[
          { key: 'issue', label: 'Issue a new certificate', testId: TESTIDS.clientModeIssue },
          {
            key: 'existing',
            label: `Use an existing one${usable.length ? ` (${usable.length})` : ''}`,
            testId: TESTIDS.clientModeExisting,
            disabled: list.length === 0,
          },
        ]}
      >
        {mode === 'issue' && <IssueCertForm cas={[ca]} defaultCa={ca.id} onIssued={choose} />}
        {mode === 'existing' && (
          <Stack spacing={2}>
            <ChoiceList
              label={`Client certificates issued by “${ca.name}”`}
              testId={TESTIDS.clientExistingList}
              value={selected}
              onChange={setChosen}
              choices={list.map((c) => {
                const reason = unusableReason(c);
                return {
                  id: c.id,
                  title: c.name,
                  status: <StatusChip status={c.status} />,
                  detail: `${c.subject} · ${expiryPhrase(c)}`,
                  ...(reason ? { unusable: reason } : {}),
                };
              })}
            />
            {usable.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                None of them can sign any more; issue a new one.
              </Typography>
            )}
            <div>
              <Button
                variant="contained"
                onClick={() => {
                  const pick = usable.find((c) => c.id === selected);
                  if (pick) choose(pick);
                }}
                disabled={selected === ''}
                data-testid={TESTIDS.clientExistingUse}
              >
                Use this certificate
              </Button>
            </div>
          </Stack>
        )}
      </ModeTabs>
      {client && (
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 1.5, minWidth: 0 }}>
          <Typography variant="body2" color="text.secondary">
            Or keep the certificate chosen before.
          </Typography>
          <Button
            onClick={() => choose(client)}
            data-testid={TESTIDS.clientKeep}
            sx={{ overflowWrap: 'anywhere', textAlign: 'left' }}
          >
            Keep “{client.name}”
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
