import { useState } from 'react';
import type { FocusEvent } from 'react';
import DialogContentText from '@mui/material/DialogContentText';
import TextField from '@mui/material/TextField';
import { CERTIFICATE_NAME, certificateNameProblem } from '../../shared/domain/limits';
import { sameName } from '../../shared/domain/names';
import type { CertificateSummary } from '../../shared/schemas/models';
import { api } from '../api';
import { useAction } from '../hooks/use-action';
import { plural, quotedList } from '../format';
import { TESTIDS } from '../testids';
import ErrorAlert from './ErrorAlert';
import FormConfirmDialog from './FormConfirmDialog';

export interface RenameDialogProps {
  cert: CertificateSummary;
  /** Every certificate, for the "name is taken" check (names are unique ignoring case). */
  certs: readonly CertificateSummary[];
  /** Profiles that sign with it: they keep working, since profiles refer to a certificate by id. */
  profiles: readonly string[];
  open: boolean;
  onClose: () => void;
  onRenamed: (result: { previousName: string; certificate: CertificateSummary }) => void | Promise<void>;
  onExited: () => void;
}

/** The name rule (shared/domain/limits.ts) in the words of this field. */
function nameError(name: string, cert: CertificateSummary, certs: readonly CertificateSummary[]) {
  const problem = certificateNameProblem(name);
  if (problem) {
    switch (problem.facts.reason) {
      case 'required':
        return 'A name is required.';
      case 'too-long':
        return `At most ${CERTIFICATE_NAME.maxLength} characters (this has ${[...name].length}).`;
      case 'control-character':
        return 'Use printable characters only (no line breaks or control characters).';
      case 'id-shaped':
        return 'Not “ca-” or “crt-” followed by 12 hex digits: that is the shape of an id.';
      default:
        return problem.message;
    }
  }
  const taken = certs.find((c) => c.id !== cert.id && sameName(c.name, name));
  return taken ? `“${taken.name}” is taken (names ignore upper and lower case).` : undefined;
}

/** Give a CA or certificate another name; profiles and issued certificates refer to it by id and keep working. */
export default function RenameDialog(props: RenameDialogProps) {
  const { cert, certs, profiles, open, onClose, onRenamed, onExited } = props;
  const [name, setName] = useState(cert.name);
  const trimmed = name.trim();
  const unchanged = trimmed === cert.name;
  const error = unchanged ? undefined : nameError(trimmed, cert, certs);
  const rename = useAction(async () => {
    await onRenamed(await api.certRename({ ref: cert.id, name: trimmed }));
  });
  const ready = !unchanged && !error;

  return (
    <FormConfirmDialog
      open={open}
      title={`Rename “${cert.name}”`}
      onClose={onClose}
      onExited={onExited}
      onSubmit={() => void rename.run()}
      ready={ready}
      busy={rename.busy}
      confirmLabel="Rename"
      busyLabel="Renaming…"
      testId={TESTIDS.renameDialog}
      confirmTestId={TESTIDS.renameConfirm}
    >
      <DialogContentText sx={{ mb: 2 }}>
        {profiles.length > 0
          ? `${plural(profiles.length, 'profile')} (${quotedList(profiles)}) keep working: they refer to it by id.`
          : 'Profiles and issued certificates refer to it by id, so nothing else changes.'}
      </DialogContentText>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
        error={Boolean(error)}
        helperText={error ?? `Up to ${CERTIFICATE_NAME.maxLength} characters; unique ignoring case.`}
        slotProps={{
          htmlInput: {
            readOnly: rename.busy,
            'data-testid': TESTIDS.renameName,
            onFocus: (e: FocusEvent<HTMLInputElement>) => e.target.select(),
          },
        }}
      />
      <ErrorAlert error={rename.error} sx={{ mt: 2 }} />
    </FormConfirmDialog>
  );
}
