import Chip from '@mui/material/Chip';
import type { ChipProps } from '@mui/material/Chip';
import type { CertificateStatus } from '../../shared/schemas/models';
import { STATUS_LABEL } from '../format';
import { TESTIDS } from '../testids';

const COLOR: Record<CertificateStatus, ChipProps['color']> = {
  valid: 'success',
  expiring: 'warning',
  expired: 'error',
  revoked: 'error',
  'not-yet-valid': 'info',
  superseded: 'default',
};

/** Certificate status: valid / expiring within 30 days / expired / revoked. */
export default function StatusChip({ status }: { status: CertificateStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABEL[status]}
      color={COLOR[status]}
      variant={status === 'valid' ? 'outlined' : 'filled'}
      data-testid={TESTIDS.certStatus}
      data-status={status}
    />
  );
}
