import type { Ref } from 'react';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import SearchIcon from '@mui/icons-material/Search';
import ViewListIcon from '@mui/icons-material/ViewList';
import type { CertificateStatus } from '../../shared/schemas/models';
import type { CertificateQuery, KindFilter, StatusFilter } from '../certificate-relations';
import { STATUS_LABEL } from '../format';
import { TESTIDS } from '../testids';

export type CertificateView = 'list' | 'tree';

export interface CertificateFiltersProps {
  query: CertificateQuery;
  onQuery: (query: CertificateQuery) => void;
  view: CertificateView;
  onView: (view: CertificateView) => void;
  /** The search field, for the page to put the focus on (after a delete). */
  searchRef?: Ref<HTMLInputElement>;
}

const STATUSES = Object.keys(STATUS_LABEL) as CertificateStatus[];

/** Search (name, CN, subject, serial), filter by status and kind, and the list / hierarchy view toggle. */
export default function CertificateFilters({
  query,
  onQuery,
  view,
  onView,
  searchRef,
}: CertificateFiltersProps) {
  return (
    <Stack
      direction="row"
      spacing={1.5}
      useFlexGap
      sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}
      role="search"
      aria-label="Search certificates"
    >
      <TextField
        label="Search"
        placeholder="Name, CN, subject or serial"
        size="small"
        type="search"
        value={query.text}
        onChange={(e) => onQuery({ ...query, text: e.target.value })}
        fullWidth={false}
        sx={{ flex: '1 1 220px', minWidth: 0 }}
        inputRef={searchRef}
        slotProps={{
          htmlInput: { 'data-testid': TESTIDS.certSearch },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <TextField
        select
        label="Status"
        size="small"
        value={query.status}
        onChange={(e) => onQuery({ ...query, status: e.target.value as StatusFilter })}
        fullWidth={false}
        sx={{ flex: '0 1 160px', minWidth: 120 }}
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.certFilterStatus } }}
      >
        <option value="all">Any status</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABEL[s]}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Kind"
        size="small"
        value={query.kind}
        onChange={(e) => onQuery({ ...query, kind: e.target.value as KindFilter })}
        fullWidth={false}
        sx={{ flex: '0 1 160px', minWidth: 120 }}
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.certFilterKind } }}
      >
        <option value="all">Any kind</option>
        <option value="ca">CAs</option>
        <option value="client">Client certificates</option>
      </TextField>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={view}
        onChange={(_, next: CertificateView | null) => next && onView(next)}
        aria-label="View"
        // The unselected button's default (action.active) is 4.49:1 on the page background: under AA.
        sx={{ '& .MuiToggleButton-root:not(.Mui-selected)': { color: 'text.secondary' } }}
      >
        <ToggleButton value="list" data-testid={TESTIDS.certView('list')}>
          <ViewListIcon fontSize="small" sx={{ mr: 0.75 }} />
          List
        </ToggleButton>
        <ToggleButton value="tree" data-testid={TESTIDS.certView('tree')}>
          <AccountTreeIcon fontSize="small" sx={{ mr: 0.75 }} />
          Hierarchy
        </ToggleButton>
      </ToggleButtonGroup>
    </Stack>
  );
}
