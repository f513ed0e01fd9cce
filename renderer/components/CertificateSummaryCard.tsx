import { useEffect, useRef } from 'react';
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
  changeTestId?: string;
  /**
   * Put the focus on the title when the card appears: it replaces the form or button that produced it, so
   * keyboard and screen-reader users land on the result instead of `<body>` (issue 10 §7).
   */
  focusOnMount?: boolean;
}

/** "Ready" confirmation of a CA or certificate a step produced, with a way to pick another. */
export default function CertificateSummaryCard({
  cert,
  title,
  testId,
  onChange,
  changeLabel = 'Choose another',
  changeTestId,
  focusOnMount = false,
}: CertificateSummaryCardProps) {
  const heading = useRef<HTMLDivElement>(null);
  // expiresIn says "in 3 days", or on the last day "expires today" by itself.
  const when = expiresIn(cert.notAfter);
  const expiry = when.startsWith('expire') ? when : `expires ${when}`;
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);

  return (
    <Alert
      severity="success"
      data-testid={testId}
      data-cert-id={cert.id}
      action={
        onChange ? (
          <Button color="inherit" size="small" onClick={onChange} data-testid={changeTestId}>
            {changeLabel}
          </Button>
        ) : undefined
      }
      sx={{ '& .MuiAlert-message': { minWidth: 0 } }}
    >
      <AlertTitle ref={heading} tabIndex={-1} sx={{ outline: 'none' }}>
        {title}
      </AlertTitle>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        <strong>{cert.name}</strong> · {cert.subject} · {KEY_TYPE_INFO[cert.keyType].label} ·{' '}
        {cert.status === 'expiring' ? 'expiring soon, ' : ''}
        {expiry}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Serial {cert.serialHex}
      </Typography>
    </Alert>
  );
}
