import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { KeyType } from '../../shared/domain/key-types';
import type { CertificateSummary } from '../../shared/schemas/models';
import { CLIENT_CERT_DEFAULT_DAYS, validityDaysProblem } from '../../shared/domain/limits';
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

/** The default subject CN, and so the base of the proposed name ("workload", "workload-2", …). */
const DEFAULT_CN = 'workload';

export interface IssueCertFormProps {
  /** CAs that can sign (have a key, not revoked or expired). */
  cas: CertificateSummary[];
  defaultCa?: string;
  onIssued: (cert: CertificateSummary) => void;
}

/**
 * Issue a client certificate (end-entity rules: CA:FALSE, digitalSignature, clientAuth) from a CA. The name
 * follows the CN until the user types one, made unique among the certificates Anchorage holds (issue 10: the
 * default never collides, so "workload" becomes "workload-2" when the first exists).
 */
export default function IssueCertForm({ cas, defaultCa, onIssued }: IssueCertFormProps) {
  const { settings } = useSettings();
  const certs = useLoad(() => api.certList());
  const names = (certs.data ?? []).map((c) => c.name);
  const [ca, setCa] = useState(defaultCa ?? cas[0]?.id ?? '');
  const [commonName, setCommonName] = useState(DEFAULT_CN);
  const [nameInput, setNameInput] = useState<string>();
  const [keyType, setKeyType] = useState<KeyType>(settings.defaultKeyType);
  const [days, setDays] = useState(CLIENT_CERT_DEFAULT_DAYS);
  const [startedAt, setStartedAt] = useState(0);

  const proposed = nextFreeName(commonName.trim() || DEFAULT_CN, names);
  // An emptied field means "the proposal" again, as it meant "the CN" before names had to be unique.
  const name = nameInput?.trim() || proposed;
  const namesKnown = certs.data !== undefined || certs.error !== undefined;
  const taken = names.some((n) => sameName(n, name));

  const issue = useAction(async () => {
    setStartedAt(Date.now());
    const cert = await api.certIssue({ ca, subject: { commonName: commonName.trim() }, keyType, days, name });
    onIssued(cert);
    return cert;
  });
  const busy = issue.busy;
  const valid = namesKnown && ca !== '' && commonName.trim() !== '' && !taken && !validityDaysProblem(days);
  const nameHelp = taken
    ? `A certificate named “${name}” exists; choose another name.`
    : nameInput === undefined && proposed !== commonName.trim() && commonName.trim() !== ''
      ? `“${commonName.trim()}” is taken, so Anchorage proposes “${proposed}”.`
      : 'How Anchorage lists it; proposed from the CN.';

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void issue.run();
      }}
    >
      <TextField
        select
        label="Issuing CA"
        value={ca}
        onChange={(e) => setCa(e.target.value)}
        disabled={busy || cas.length <= 1}
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.issueCa } }}
      >
        {cas.length === 0 && <option value="">No CA with a private key</option>}
        {cas.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.commonName})
          </option>
        ))}
      </TextField>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="Common name (CN)"
          value={commonName}
          onChange={(e) => setCommonName(e.target.value)}
          required
          error={commonName.trim() === ''}
          helperText={
            commonName.trim() === ''
              ? 'The subject must not be empty.'
              : 'Identifies the workload; a trust policy can require it (x509Subject/CN).'
          }
          slotProps={{
            htmlInput: {
              'data-testid': TESTIDS.clientCn,
              autoComplete: 'off',
              maxLength: 64,
              readOnly: busy,
            },
          }}
        />
        <TextField
          label="Name"
          value={nameInput ?? proposed}
          onChange={(e) => setNameInput(e.target.value)}
          placeholder={proposed}
          error={taken}
          helperText={nameHelp}
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': TESTIDS.clientName, autoComplete: 'off', readOnly: busy },
          }}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <KeyTypeSelect value={keyType} onChange={setKeyType} testId={TESTIDS.clientKeyType} disabled={busy} />
        <DaysField
          days={days}
          onChange={setDays}
          advice="Shorter is safer; renewing takes one click."
          disabled={false}
          readOnly={busy}
          testId={TESTIDS.clientDays}
        />
      </Stack>
      {busy && <GeneratingProgress keyType={keyType} startedAt={startedAt} what="the client certificate" />}
      <ErrorAlert error={issue.error} onClose={issue.clearError} />
      <div>
        <Button
          type="submit"
          variant="contained"
          disabled={!valid}
          aria-disabled={busy || undefined}
          data-testid={TESTIDS.certIssue}
        >
          {busy ? 'Issuing…' : 'Issue certificate'}
        </Button>
      </div>
    </Stack>
  );
}
