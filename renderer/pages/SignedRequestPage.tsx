import { useEffect, useMemo, useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ChannelRequest, ChannelResponse } from '../../shared/schemas/contract';
import { api } from '../api';
import ErrorAlert from '../components/ErrorAlert';
import HeaderEditor from '../components/HeaderEditor';
import type { HeaderRow } from '../components/HeaderEditor';
import PageHeader from '../components/PageHeader';
import SignPreviewView from '../components/SignPreviewView';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { guessServiceAndRegion } from '../../shared/domain/service-guess';
import type { ServiceGuess } from '../../shared/domain/service-guess';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';

type Source = ChannelRequest<'sign.preview'>['source'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'];

/** "profile:name" / "static:name" / "env" ↔ the contract's source object (a native select needs strings). */
const encodeSource = (s: Source) => (s.kind === 'env' ? 'env' : `${s.kind}:${s.name}`);
function decodeSource(value: string): Source {
  if (value === 'env') return { kind: 'env' };
  const [kind, ...rest] = value.split(':');
  return { kind: kind === 'static' ? 'static' : 'profile', name: rest.join(':') };
}

/** The SigV4 workbench: build a request, see every signing stage, copy a ready curl line (ARCHITECTURE §1 step 6). */
export default function SignedRequestPage() {
  const profiles = useLoad(() => api.profileList());
  const statics = useLoad(() => api.staticList());
  const [method, setMethod] = useState('GET');
  const [url, setUrl] = useState('https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15');
  const [serviceInput, setServiceInput] = useState<string>();
  const [regionInput, setRegionInput] = useState<string>();
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [body, setBody] = useState('');
  const [sourceInput, setSourceInput] = useState<string>();
  const [preview, setPreview] = useState<ChannelResponse<'sign.preview'>>();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  // After "Sign", the focus goes to the result (issue 10 §7), not back to the top of the page.
  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  const guess = useMemo<Partial<ServiceGuess>>(() => guessServiceAndRegion(url) ?? {}, [url]);
  const service = serviceInput ?? guess.service ?? '';
  const region = regionInput ?? guess.region ?? '';
  const sources: Array<{ value: string; label: string }> = [
    ...(profiles.data ?? []).map((p) => ({
      value: encodeSource({ kind: 'profile', name: p.name }),
      label: `Profile session: ${p.name}`,
    })),
    ...(statics.data ?? []).map((s) => ({
      value: encodeSource({ kind: 'static', name: s.name }),
      label: `Static (demo): ${s.name}`,
    })),
    { value: 'env', label: 'Environment variables of Anchorage (AWS_ACCESS_KEY_ID, …)' },
  ];
  const source = sourceInput ?? sources[0]?.value ?? 'env';

  let urlProblem: string | undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') urlProblem = 'Use an http(s) URL.';
  } catch {
    urlProblem = 'Enter a full URL, e.g. https://sqs.eu-west-1.amazonaws.com/.';
  }

  const sign = useAction(async () => {
    // Every row in order: a repeated name is one header with its values comma-joined (main does it).
    const headerPairs = headers
      .filter((row) => row.name.trim() !== '')
      .map((row): [string, string] => [row.name.trim(), row.value]);
    setPreview(
      await api.signPreview({
        method,
        url: url.trim(),
        headers: headerPairs,
        service: service.trim(),
        region: region.trim(),
        source: decodeSource(source),
        ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
      }),
    );
  });
  // Until the sources are loaded the default source is not known yet: signing then would use the wrong one.
  const sourcesLoaded = !profiles.loading && !statics.loading;
  const ready = sourcesLoaded && !urlProblem && service.trim() !== '' && region.trim() !== '';

  return (
    <>
      <PageHeader
        title="Signed request"
        subtitle="See exactly how AWS Signature Version 4 signs a request: canonical request, string to sign, signature, headers and curl."
      />
      <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
        <Stack
          spacing={2}
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) void sign.run();
          }}
        >
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              select
              label="Method"
              value={method}
              onChange={(e) => setMethod(e.target.value)}
              sx={{ width: { sm: 140 }, flexShrink: 0 }}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.signMethod } }}
            >
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </TextField>
            <TextField
              label="URL"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={Boolean(urlProblem)}
              helperText={urlProblem ?? ' '}
              slotProps={{
                htmlInput: {
                  'data-testid': TESTIDS.signUrl,
                  spellCheck: false,
                  style: { fontFamily: MONO_FONT, fontSize: 14 },
                },
              }}
            />
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label="Service"
              value={service}
              onChange={(e) => setServiceInput(e.target.value)}
              helperText={
                serviceInput === undefined && guess.service
                  ? 'Guessed from the host; edit if needed.'
                  : 'The signing name, e.g. sts, s3, execute-api.'
              }
              slotProps={{ htmlInput: { 'data-testid': TESTIDS.signService, spellCheck: false } }}
            />
            <TextField
              label="Region"
              value={region}
              onChange={(e) => setRegionInput(e.target.value)}
              helperText={
                regionInput === undefined && guess.region
                  ? 'Guessed from the host; global services sign with us-east-1.'
                  : 'e.g. eu-west-1'
              }
              slotProps={{ htmlInput: { 'data-testid': TESTIDS.signRegion, spellCheck: false } }}
            />
          </Stack>
          {/* On a row of its own: a source's label ("Environment variables of Anchorage (…)") is long, and a
              native select cannot ellipsize it readably beside two other fields at 800 px. */}
          <TextField
            select
            label="Credentials"
            value={source}
            onChange={(e) => setSourceInput(e.target.value)}
            helperText="Whose keys sign the request."
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.signSource } }}
          >
            {sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </TextField>
          <Typography variant="subtitle2" component="h2">
            Headers
          </Typography>
          <Typography variant="body2" color="text.secondary">
            A name given twice (in any case) is sent as one header with the values joined by commas, as HTTP
            combines them.
          </Typography>
          <HeaderEditor rows={headers} onChange={setHeaders} />
          {method !== 'GET' && method !== 'HEAD' && (
            <TextField
              label="Body"
              multiline
              minRows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              slotProps={{
                htmlInput: {
                  'data-testid': TESTIDS.signBody,
                  spellCheck: false,
                  style: { fontFamily: MONO_FONT, fontSize: 13 },
                },
              }}
            />
          )}
          <ErrorAlert error={sign.error} onClose={sign.clearError} />
          <div>
            <Button
              type="submit"
              variant="contained"
              // Not disabled while signing: a disabled button drops the focus to <body>. useAction ignores
              // a second submit while one is in flight.
              disabled={!ready}
              aria-busy={sign.busy}
              data-testid={TESTIDS.signSubmit}
            >
              {sign.busy ? 'Signing…' : 'Sign'}
            </Button>
          </div>
        </Stack>
      </Paper>
      {preview && <SignPreviewView preview={preview} headingRef={previewHeading} />}
      {!preview && (
        <Typography variant="body2" color="text.secondary">
          Nothing is sent: Anchorage only signs. Run the curl line yourself to send the request. A session
          token is masked on screen; the copy buttons copy the real text.
        </Typography>
      )}
    </>
  );
}
