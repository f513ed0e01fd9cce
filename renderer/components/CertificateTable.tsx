import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { CertificateSummary } from '../../shared/schemas/models';
import { expiresIn, formatDateTime } from '../format';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import StatusChip from './StatusChip';

export interface CertificateTableProps {
  certs: CertificateSummary[];
  onOpen: (cert: CertificateSummary) => void;
}

/** CAs first, then client certificates; each row (or its name button, from the keyboard) opens the details drawer. */
export default function CertificateTable({ certs, onOpen }: CertificateTableProps) {
  const sorted = [...certs].sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'ca' ? -1 : 1,
  );
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="medium" aria-label="Certificates" data-testid={TESTIDS.certTable}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Subject</TableCell>
            <TableCell>Serial</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((cert) => (
            <TableRow
              key={cert.id}
              hover
              onClick={() => onOpen(cert)}
              data-testid={TESTIDS.certRow}
              data-cert-id={cert.id}
              data-cert-name={cert.name}
              data-kind={cert.kind}
              sx={{ cursor: 'pointer' }}
            >
              <TableCell>
                {/* The keyboard path: a real button per row (the row itself stays a table row). */}
                <Link
                  component="button"
                  variant="body2"
                  underline="hover"
                  color="inherit"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(cert);
                  }}
                  aria-label={`${cert.name}: show details`}
                  sx={{ fontWeight: 600, display: 'block', textAlign: 'left' }}
                >
                  {cert.name}
                </Link>
                <Chip
                  size="small"
                  label={cert.kind === 'ca' ? 'CA' : 'Client'}
                  variant="outlined"
                  sx={{ mt: 0.5 }}
                />
              </TableCell>
              <TableCell sx={{ maxWidth: 280, wordBreak: 'break-word' }}>{cert.subject}</TableCell>
              <TableCell>
                <Tooltip title={`Decimal: ${cert.serialNumber}`}>
                  <Typography variant="body2" sx={{ fontFamily: MONO_FONT, fontSize: 12.5 }}>
                    {cert.serialHex.length > 16 ? `${cert.serialHex.slice(0, 16)}…` : cert.serialHex}
                  </Typography>
                </Tooltip>
              </TableCell>
              <TableCell>
                <Tooltip title={formatDateTime(cert.notAfter)}>
                  <span>{expiresIn(cert.notAfter)}</span>
                </Tooltip>
              </TableCell>
              <TableCell>
                <StatusChip status={cert.status} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
