import TextField from '@mui/material/TextField';
import type { CertificateSummary } from '../../shared/schemas/models';
import { certificateOptionLabel, isUsable, unusableReason } from '../certificate-choice';
import { TESTIDS } from '../testids';

export interface CertificatePickerProps {
  /** Every client certificate; the unusable ones are listed, disabled, with the reason. */
  certificates: CertificateSummary[];
  /** The chosen certificate's id ('' when none is usable). */
  value: string;
  onChange: (id: string) => void;
  /** The certificate the profile signs with now (edit mode), to explain a switch away from an unusable one. */
  current?: { id: string; name: string };
}

/**
 * The client certificate that signs CreateSession, each option with its status (issue 10 §2). Expired, revoked
 * and not-yet-valid certificates, and those without a key here, are disabled options: visible, so the user sees
 * why the one they expected is not offered, but never chosen.
 */
export default function CertificatePicker({
  certificates,
  value,
  onChange,
  current,
}: CertificatePickerProps) {
  const usable = certificates.filter(isUsable);
  const chosen = certificates.find((c) => c.id === value);
  const currentCert = current && certificates.find((c) => c.id === current.id);
  let help = 'Signs the CreateSession request.';
  if (usable.length === 0) {
    help = 'No client certificate can sign: issue one on the Certificates page.';
  } else if (current && value !== current.id) {
    const why = currentCert ? unusableReason(currentCert) : 'gone';
    help = why
      ? `The profile’s certificate “${current.name}” is ${why}; saving switches to “${chosen?.name ?? ''}”.`
      : `Saving switches from “${current.name}” to “${chosen?.name ?? ''}”.`;
  } else if (chosen?.status === 'expiring') {
    help = 'Expiring soon: renew it on the Certificates page.';
  } else if (chosen?.status === 'superseded') {
    help = 'Superseded by a renewed certificate; the renewed one is the one to use.';
  }
  return (
    <TextField
      select
      label="Client certificate"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={usable.length === 0}
      helperText={help}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-testid': TESTIDS.profileSelect },
        formHelperText: { 'data-testid': TESTIDS.profileCertificateNote } as object,
      }}
    >
      {usable.length === 0 && <option value="">No usable client certificate</option>}
      {certificates.map((c) => (
        <option key={c.id} value={c.id} disabled={!isUsable(c)} data-status={c.status}>
          {certificateOptionLabel(c)}
        </option>
      ))}
    </TextField>
  );
}
