import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { KeyType } from '../../shared/domain/key-types';
import type { CertificateSummary } from '../../shared/schemas/models';
import { ROOT_CA_DEFAULT_DAYS, validityDaysProblem } from '../../shared/domain/limits';
import { nextFreeName, sameName } from '../../shared/domain/names';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useSettings } from '../hooks/settings-context';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';
import GeneratingProgress from './GeneratingProgress';
import DaysField from './DaysField';
import KeyTypeSelect from './KeyTypeSelect';

/** The base of the proposed CA name; "Anchorage Root CA-2" and so on when it is taken. */
const DEFAULT_CA_NAME = 'Anchorage Root CA';

export interface CreateCaFormProps {
  onCreated: (ca: CertificateSummary) => void;
}

/**
 * Create a root CA that meets the trust-anchor rules (main builds it; this form only collects the choices).
 * The proposed name is the next free one among the certificates Anchorage holds (issue 10: accepting a default
 * never fails with "the name is taken"); a taken name typed by hand is marked before it is sent.
 */
export default function CreateCaForm({ onCreated }: CreateCaFormProps) {
  const { settings } = useSettings();
  const certs = useLoad(() => api.certList());
  const names = (certs.data ?? []).map((c) => c.name);
  const [nameInput, setNameInput] = useState<string>();
  const [commonName, setCommonName] = useState('');
  const [organization, setOrganization] = useState('');
  const [keyType, setKeyType] = useState<KeyType>(settings.defaultKeyType);
  const [days, setDays] = useState(ROOT_CA_DEFAULT_DAYS);
  const [startedAt, setStartedAt] = useState(0);

  // Until the user types, the name follows the list (it may load after the first render).
  const name = nameInput ?? nextFreeName(DEFAULT_CA_NAME, names);
  const namesKnown = certs.data !== undefined || certs.error !== undefined;
  const taken = names.some((n) => sameName(n, name.trim()));
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
  const valid = namesKnown && name.trim() !== '' && !taken && cn.length <= 64 && !validityDaysProblem(days);
  const nameHelp =
    name.trim() === ''
      ? 'Give the CA a name.'
      : taken
        ? `A certificate named “${name.trim()}” exists; choose another name.`
        : 'How Anchorage lists it.';
  // Fields stay focusable while main generates the key (read-only, not disabled): a disabled field that has
  // the focus drops it to <body>.
  const busy = create.busy;

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void create.run();
      }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="CA name"
          value={name}
          onChange={(e) => setNameInput(e.target.value)}
          required
          error={name.trim() === '' || taken}
          helperText={nameHelp}
          slotProps={{ htmlInput: { 'data-testid': TESTIDS.caName, autoComplete: 'off', readOnly: busy } }}
        />
        <TextField
          label="Common name (CN)"
          value={commonName}
          onChange={(e) => setCommonName(e.target.value)}
          placeholder={name}
          helperText="The certificate's subject; defaults to the name."
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': TESTIDS.caCn, autoComplete: 'off', maxLength: 64, readOnly: busy },
          }}
        />
      </Stack>
      <TextField
        label="Organization (optional)"
        value={organization}
        onChange={(e) => setOrganization(e.target.value)}
        slotProps={{ htmlInput: { readOnly: busy } }}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <KeyTypeSelect value={keyType} onChange={setKeyType} testId={TESTIDS.caKeyType} disabled={busy} />
        <DaysField
          days={days}
          onChange={setDays}
          advice="Client certificates must expire before their CA."
          disabled={false}
          readOnly={busy}
          testId={TESTIDS.caDays}
        />
      </Stack>
      {busy && (
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
          disabled={!valid}
          aria-disabled={busy || undefined}
          data-testid={TESTIDS.caCreate}
        >
          {busy ? 'Creating…' : 'Create CA'}
        </Button>
      </div>
    </Stack>
  );
}
