import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { KeyType } from '../../shared/domain/key-types';
import type { CertificateSummary } from '../../shared/schemas/models';
import { ROOT_CA_DEFAULT_DAYS, validityDaysProblem } from '../../shared/domain/limits';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useSettings } from '../hooks/settings-context';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';
import GeneratingProgress from './GeneratingProgress';
import DaysField from './DaysField';
import KeyTypeSelect from './KeyTypeSelect';

/** Create a root CA that meets the trust-anchor rules (main builds it; this form only collects the choices). */
export default function CreateCaForm({ onCreated }: { onCreated: (ca: CertificateSummary) => void }) {
  const { settings } = useSettings();
  const [name, setName] = useState('Anchorage Root CA');
  const [commonName, setCommonName] = useState('');
  const [organization, setOrganization] = useState('');
  const [keyType, setKeyType] = useState<KeyType>(settings.defaultKeyType);
  const [days, setDays] = useState(ROOT_CA_DEFAULT_DAYS);
  const [startedAt, setStartedAt] = useState(0);

  const cn = commonName.trim() || name.trim();
  const create = useAction(async () => {
    setStartedAt(Date.now());
    const ca = await api.caCreate({
      name: name.trim(),
      subject: { commonName: cn, ...(organization.trim() ? { organization: organization.trim() } : {}) },
      keyType,
      days,
    });
    onCreated(ca);
    return ca;
  });
  const valid = name.trim() !== '' && cn.length <= 64 && !validityDaysProblem(days);

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void create.run();
      }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="CA name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          error={name.trim() === ''}
          helperText={name.trim() === '' ? 'Give the CA a name.' : 'How Anchorage lists it.'}
          disabled={create.busy}
          slotProps={{ htmlInput: { 'data-testid': TESTIDS.caName, autoComplete: 'off' } }}
        />
        <TextField
          label="Common name (CN)"
          value={commonName}
          onChange={(e) => setCommonName(e.target.value)}
          placeholder={name}
          helperText="The certificate's subject; defaults to the name."
          disabled={create.busy}
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': TESTIDS.caCn, autoComplete: 'off', maxLength: 64 },
          }}
        />
      </Stack>
      <TextField
        label="Organization (optional)"
        value={organization}
        onChange={(e) => setOrganization(e.target.value)}
        disabled={create.busy}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <KeyTypeSelect
          value={keyType}
          onChange={setKeyType}
          testId={TESTIDS.caKeyType}
          disabled={create.busy}
        />
        <DaysField
          days={days}
          onChange={setDays}
          advice="Client certificates must expire before their CA."
          disabled={create.busy}
          testId={TESTIDS.caDays}
        />
      </Stack>
      {create.busy && (
        <GeneratingProgress
          keyType={keyType}
          startedAt={startedAt}
          what="the CA certificate"
          testId={TESTIDS.caProgress}
        />
      )}
      <ErrorAlert error={create.error} onClose={create.clearError} />
      <div>
        <Button
          type="submit"
          variant="contained"
          disabled={!valid || create.busy}
          data-testid={TESTIDS.caCreate}
        >
          {create.busy ? 'Creating…' : 'Create CA'}
        </Button>
      </div>
    </Stack>
  );
}
