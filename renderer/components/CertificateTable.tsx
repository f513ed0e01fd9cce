import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Tooltip from '@mui/material/Tooltip';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import SubdirectoryArrowRightIcon from '@mui/icons-material/SubdirectoryArrowRight';
import type { CertificateSummary } from '../../shared/schemas/models';
import { issuerLabel } from '../certificate-relations';
import type { CertificateRow, Sort, SortKey } from '../certificate-relations';
import { expiresIn, formatDateTime } from '../format';
import { TESTIDS } from '../testids';
import { MONO_FONT } from '../theme';
import CertificateActionsMenu from './CertificateActionsMenu';
import type { LifecycleVerb } from './CertificateActionsMenu';
import ClippedText from './ClippedText';
import StatusChip from './StatusChip';

export interface CertificateTableProps {
  rows: CertificateRow[];
  /** Every certificate by id, for the Issuer column. */
  byId: ReadonlyMap<string, CertificateSummary>;
  sort: Sort;
  onSort: (sort: Sort) => void;
  onOpen: (cert: CertificateSummary) => void;
  /** A verb chosen from a row's actions menu; `from` is the control to give the focus back to. */
  onAction: (verb: LifecycleVerb, cert: CertificateSummary, from: HTMLElement) => void;
  /** Why a certificate cannot be renewed, if it cannot. */
  renewBlocker: (cert: CertificateSummary) => string | undefined;
}

// Fixed layout: the columns keep their widths whatever a name or subject holds (issue 10: one 200-character
// name wrecked the table); long text ellipsizes with the full text in a tooltip.
const COLUMNS = [
  { key: 'name', label: 'Name', width: '26%' },
  { key: 'subject', label: 'Subject', width: '23%' },
  { key: 'issuer', label: 'Issuer', width: '16%' },
  { key: 'expiry', label: 'Expires', width: '17%' },
  { key: 'status', label: 'Status', width: '18%' },
] as const;
const ACTIONS_WIDTH = 52;
/** The page sizes offered; the second is the default. */
const ROWS_PER_PAGE = [25, 50, 100, 250] as const;

const SORTABLE: Partial<Record<(typeof COLUMNS)[number]['key'], SortKey>> = {
  name: 'name',
  expiry: 'expiry',
};

/**
 * CAs and client certificates, in a list or as a hierarchy (each CA followed by what it issued, indented). A
 * row opens the details drawer on click; from the keyboard, its name is a button and its actions menu offers
 * the lifecycle verbs.
 */
export default function CertificateTable(props: CertificateTableProps) {
  const { rows, byId, sort, onSort, onOpen, onAction, renewBlocker } = props;
  const [menu, setMenu] = useState<{ cert: CertificateSummary; anchor: HTMLElement }>();
  // Pages of rows: rendering every row of 1,000 certificates took seconds (issue 10 scale check). A search or a
  // filter that shortens the list keeps the page in range.
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState<number>(ROWS_PER_PAGE[1]);
  const lastPage = Math.max(0, Math.ceil(rows.length / perPage) - 1);
  const shown = Math.min(page, lastPage);
  const pageRows = rows.slice(shown * perPage, (shown + 1) * perPage);

  const sortBy = (by: SortKey) =>
    onSort({ by, direction: sort.by === by && sort.direction === 'asc' ? 'desc' : 'asc' });

  return (
    <TableContainer component={Paper} variant="outlined">
      <Table
        size="medium"
        aria-label="Certificates"
        data-testid={TESTIDS.certTable}
        sx={{
          tableLayout: 'fixed',
          width: '100%',
          '& th:not(:last-of-type), & td:not(:last-of-type)': { px: 1.5 },
        }}
      >
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} style={{ width: c.width }} />
          ))}
          <col style={{ width: ACTIONS_WIDTH }} />
        </colgroup>
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => {
              const key = SORTABLE[c.key];
              if (!key) return <TableCell key={c.key}>{c.label}</TableCell>;
              const active = sort.by === key;
              return (
                <TableCell key={c.key} sortDirection={active ? sort.direction : false}>
                  <TableSortLabel
                    active={active}
                    direction={active ? sort.direction : 'asc'}
                    onClick={() => sortBy(key)}
                    data-testid={TESTIDS.certSort(key)}
                  >
                    {c.label}
                  </TableSortLabel>
                </TableCell>
              );
            })}
            <TableCell>
              <Box component="span" sx={visuallyHidden}>
                Actions
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pageRows.map(({ cert, depth }) => {
            const issuer = issuerLabel(cert, byId);
            return (
              <TableRow
                key={cert.id}
                hover
                onClick={() => onOpen(cert)}
                data-testid={TESTIDS.certRow}
                data-cert-id={cert.id}
                data-cert-name={cert.name}
                data-kind={cert.kind}
                data-status={cert.status}
                data-depth={depth}
                sx={{ cursor: 'pointer', '& > td': { overflow: 'hidden' } }}
              >
                <TableCell>
                  <Box sx={{ display: 'flex', alignItems: 'flex-start', minWidth: 0, pl: depth * 3 }}>
                    {depth > 0 && (
                      <SubdirectoryArrowRightIcon
                        fontSize="small"
                        color="action"
                        aria-hidden
                        sx={{ mr: 0.5, flexShrink: 0 }}
                      />
                    )}
                    <Box sx={{ minWidth: 0, flexGrow: 1 }}>
                      <NameButton cert={cert} onOpen={onOpen} />
                      <Chip
                        size="small"
                        label={cert.kind === 'ca' ? 'CA' : 'Client'}
                        variant="outlined"
                        sx={{ mt: 0.5 }}
                      />
                    </Box>
                  </Box>
                </TableCell>
                <TableCell>
                  <ClippedText text={cert.subject} />
                  <ClippedText
                    text={`Serial ${cert.serialHex}`}
                    title={`Serial (hex): ${cert.serialHex} · decimal: ${cert.serialNumber}`}
                    color="text.secondary"
                    sx={{ fontFamily: MONO_FONT, fontSize: 12 }}
                  />
                </TableCell>
                <TableCell data-testid={TESTIDS.certIssuer}>
                  <ClippedText
                    text={issuer.text}
                    title={issuer.inAnchorage ? undefined : `${issuer.text} (not in Anchorage)`}
                    color={issuer.inAnchorage ? 'text.primary' : 'text.secondary'}
                  />
                </TableCell>
                <TableCell>
                  <ClippedText text={expiresIn(cert.notAfter)} title={formatDateTime(cert.notAfter)} />
                </TableCell>
                <TableCell>
                  <StatusChip status={cert.status} />
                </TableCell>
                <TableCell padding="none" sx={{ textAlign: 'center' }}>
                  <IconButton
                    size="small"
                    aria-label={`Actions for “${cert.name}”`}
                    aria-haspopup="menu"
                    aria-expanded={menu?.cert.id === cert.id ? true : undefined}
                    data-testid={TESTIDS.certRowActions}
                    onClick={(e) => {
                      e.stopPropagation();
                      setMenu({ cert, anchor: e.currentTarget });
                    }}
                  >
                    <MoreVertIcon fontSize="small" />
                  </IconButton>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {rows.length > ROWS_PER_PAGE[0] && (
        <TablePagination
          component="div"
          count={rows.length}
          page={shown}
          rowsPerPage={perPage}
          rowsPerPageOptions={[...ROWS_PER_PAGE]}
          onPageChange={(_e, next: number) => setPage(next)}
          onRowsPerPageChange={(e) => {
            setPerPage(Number(e.target.value));
            setPage(0);
          }}
          labelRowsPerPage="Certificates per page"
          data-testid={TESTIDS.certPagination}
        />
      )}
      {menu && (
        <CertificateActionsMenu
          cert={menu.cert}
          anchor={menu.anchor}
          renewBlocker={renewBlocker(menu.cert)}
          onClose={() => setMenu(undefined)}
          onChoose={(verb) => {
            const { cert, anchor } = menu;
            setMenu(undefined);
            if (verb === 'details') onOpen(cert);
            else onAction(verb, cert, anchor);
          }}
        />
      )}
    </TableContainer>
  );
}

// Strings, not numbers: in `sx`, a width of 1 means 100%.
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** The keyboard path into the drawer: a real button per row, ellipsized, with the full name in a tooltip. */
function NameButton({ cert, onOpen }: { cert: CertificateSummary; onOpen: (c: CertificateSummary) => void }) {
  const [clipped, setClipped] = useState(false);
  const measure = (e: SyntheticEvent<HTMLElement>) =>
    setClipped(e.currentTarget.scrollWidth > e.currentTarget.clientWidth);
  return (
    <Tooltip title={clipped ? cert.name : ''} describeChild>
      <Link
        component="button"
        variant="body2"
        underline="hover"
        color="inherit"
        noWrap
        onMouseEnter={measure}
        onFocus={measure}
        onClick={(e: SyntheticEvent) => {
          e.stopPropagation();
          onOpen(cert);
        }}
        aria-label={`${cert.name}: show details`}
        sx={{ fontWeight: 600, display: 'block', maxWidth: '100%', textAlign: 'left' }}
      >
        {cert.name}
      </Link>
    </Tooltip>
  );
}
