import type { Ref } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ChannelRequest, ChannelResponse } from '../../shared/schemas/contract';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { useClipboardNotice } from '../hooks/clipboard-notice-context';
import { TESTIDS } from '../testids';
import CodeBlock from './CodeBlock';
import ErrorAlert from './ErrorAlert';

type Preview = ChannelResponse<'sign.preview'>;
type Field = ChannelRequest<'sign.copy'>['field'];

const FIELDS: Array<{ id: Field; label: string }> = [
  { id: 'canonicalRequest', label: 'Canonical request' },
  { id: 'stringToSign', label: 'String to sign' },
  { id: 'signature', label: 'Signature' },
  { id: 'headers', label: 'Final headers' },
  { id: 'url', label: 'URL sent' },
  { id: 'curl', label: 'curl' },
  { id: 'curlHeaders', label: 'headers.txt (read by the curl line)' },
];

const text = (preview: Preview, field: Field): string =>
  field === 'headers'
    ? Object.entries(preview.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')
    : (preview[field] ?? '');

/**
 * The SigV4 preview: each stage in a monospace block. A session token shows masked here; "copy" asks main for
 * the unmasked text, which goes to the clipboard and is cleared after the Settings delay. `headingRef` is its
 * heading, which takes the focus when a new preview arrives (the result of "Sign").
 */
export default function SignPreviewView({
  preview,
  headingRef,
}: {
  preview: Preview;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const notify = useClipboardNotice();
  const copy = useAction(async (field: Field, label: string) => {
    const { clearsAt } = await api.signCopy({ previewId: preview.previewId, field });
    notify({ what: label, clearsAt });
  });
  return (
    <Stack spacing={2} component="section" aria-labelledby="sign-preview-title">
      <Typography
        variant="h6"
        component="h2"
        id="sign-preview-title"
        ref={headingRef}
        tabIndex={-1}
        // Focused by the page, not a control: no ring.
        sx={{ outline: 'none' }}
      >
        How the request was signed
      </Typography>
      <ErrorAlert error={copy.error} onClose={copy.clearError} />
      {preview.notes.length > 0 && (
        <Alert severity="info" data-testid={TESTIDS.signOutput('notes')}>
          <strong>How the request was read</strong>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {preview.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </Alert>
      )}
      {FIELDS.filter((f) => preview[f.id] !== undefined).map((f) => (
        <CodeBlock
          key={f.id}
          label={f.label}
          text={text(preview, f.id)}
          testId={TESTIDS.signOutput(f.id)}
          copyTestId={TESTIDS.signCopy(f.id)}
          onCopy={() => void copy.run(f.id, f.label)}
        />
      ))}
    </Stack>
  );
}
