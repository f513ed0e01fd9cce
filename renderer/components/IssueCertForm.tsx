import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { KeyType } from '../../shared/domain/key-types';
import type { CertificateSummary } from '../../shared/schemas/models';
import { CLIENT_CERT_DEFAULT_DAYS, validityDaysProblem } from '../../shared/domain/limits';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useSettings } from '../hooks/settings-context';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';
import GeneratingProgress from './GeneratingProgress';
import DaysField from './DaysField';
import KeyTypeSelect from './KeyTypeSelect';

export interface IssueCertFormProps {
  /** CAs that can sign (have a key, not revoked or expired). */
  cas: CertificateSummary[];
  defaultCa?: string;
  onIssued: (cert: CertificateSummary) => void;
}

/** Issue a client certificate (end-entity rules: CA:FALSE, digitalSignature, clientAuth) from a CA. */
export default function IssueCertForm({ cas, defaultCa, onIssued }: IssueCertFormProps) {
  const { settings } = useSettings();
  const [ca, setCa] = useState(defaultCa ?? cas[0]?.id ?? '');
  const [commonName, setCommonName] = useState('workload');
  const [name, setName] = useState('');
  const [keyType, setKeyType] = useState<KeyType>(settings.defaultKeyType);
  const [days, setDays] = useState(CLIENT_CERT_DEFAULT_DAYS);
  const [startedAt, setStartedAt] = useState(0);

  const issue = useAction(async () => {
    setStartedAt(Date.now());
    const cert = await api.certIssue({
      ca,
      subject: { commonName: commonName.trim() },
      keyType,
      days,
      ...(name.trim() ? { name: name.trim() } : {}),
    });
    onIssued(cert);
    return cert;
  });
  const valid = ca !== '' && commonName.trim() !== '' && !validityDaysProblem(days);

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
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
        disabled={issue.busy || cas.length <= 1}
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
          disabled={issue.busy}
          slotProps={{ htmlInput: { 'data-testid': TESTIDS.clientCn, autoComplete: 'off', maxLength: 64 } }}
        />
        <TextField
          label="Name (optional)"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={commonName}
          helperText="How Anchorage lists it; defaults to the CN."
          disabled={issue.busy}
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': TESTIDS.clientName, autoComplete: 'off' },
          }}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <KeyTypeSelect
          value={keyType}
          onChange={setKeyType}
          testId={TESTIDS.clientKeyType}
          disabled={issue.busy}
        />
        <DaysField
          days={days}
          onChange={setDays}
          advice="Shorter is safer; renewing takes one click."
          disabled={issue.busy}
          testId={TESTIDS.clientDays}
        />
      </Stack>
      {issue.busy && (
        <GeneratingProgress keyType={keyType} startedAt={startedAt} what="the client certificate" />
      )}
      <ErrorAlert error={issue.error} onClose={issue.clearError} />
      <div>
        <Button
          type="submit"
          variant="contained"
          disabled={!valid || issue.busy}
          data-testid={TESTIDS.certIssue}
        >
          {issue.busy ? 'Issuing…' : 'Issue certificate'}
        </Button>
      </div>
    </Stack>
  );
}
