import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import { expiresIn } from '../format';
import { KEY_TYPE_INFO } from '../../shared/domain/key-types';

export interface CertificateSummaryCardProps {
  cert: CertificateSummary;
  title: string;
  testId?: string;
  onChange?: () => void;
  changeLabel?: string;
}

/** "Ready" confirmation of a CA or certificate a step produced, with a way to pick another. */
export default function CertificateSummaryCard({
  cert,
  title,
  testId,
  onChange,
  changeLabel = 'Choose another',
}: CertificateSummaryCardProps) {
  return (
    <Alert
      severity="success"
      data-testid={testId}
      data-cert-id={cert.id}
      action={
        onChange ? (
          <Button color="inherit" size="small" onClick={onChange}>
            {changeLabel}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2">
        <strong>{cert.name}</strong> · {cert.subject} · {KEY_TYPE_INFO[cert.keyType].label} · expires{' '}
        {expiresIn(cert.notAfter)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Serial {cert.serialHex}
      </Typography>
    </Alert>
  );
}
