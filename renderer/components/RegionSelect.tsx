import TextField from '@mui/material/TextField';
import { PARTITIONS } from '../../shared/domain/regions';

/** The standard partition first: most users are there, and GovCloud and China need their own accounts. */
const PICKER_PARTITIONS = [
  ...PARTITIONS.filter((p) => p.id === 'aws'),
  ...PARTITIONS.filter((p) => p.id !== 'aws'),
];

export interface RegionSelectProps {
  value: string | undefined;
  onChange: (region: string | undefined) => void;
  helperText: string;
  testId: string;
  /** The region the AWS configuration gives, if any: the empty choice then stands for it. */
  configuredRegion?: string | undefined;
  label?: string;
}

/** A region from the partitions' lists (shared/domain/regions.ts), grouped by partition; native, so keyboard-first. */
export default function RegionSelect(props: RegionSelectProps) {
  const { value, onChange, helperText, testId, configuredRegion, label = 'Region' } = props;
  const emptyLabel = configuredRegion ? `The AWS configuration’s (${configuredRegion})` : 'Choose a region…';
  return (
    <TextField
      select
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || undefined)}
      helperText={helperText}
      sx={{ maxWidth: 420 }}
      slotProps={{
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': testId },
      }}
    >
      <option value="">{emptyLabel}</option>
      {PICKER_PARTITIONS.map((p) => (
        <optgroup key={p.id} label={p.name}>
          {p.regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.code}: {r.name}
            </option>
          ))}
        </optgroup>
      ))}
    </TextField>
  );
}
