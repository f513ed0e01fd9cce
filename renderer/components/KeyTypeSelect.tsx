import TextField from '@mui/material/TextField';
import { KEY_TYPE_INFO } from '../../shared/domain/key-types';
import type { KeyType } from '../../shared/domain/key-types';

/** In KEY_TYPE_INFO's order: EC first, the fast and small choice. */
const OPTIONS = Object.entries(KEY_TYPE_INFO) as Array<[KeyType, (typeof KEY_TYPE_INFO)[KeyType]]>;

export interface KeyTypeSelectProps {
  value: KeyType;
  onChange: (value: KeyType) => void;
  label?: string;
  testId?: string;
  disabled?: boolean;
}

/**
 * Key type picker; the helper text explains the trade-off of the chosen type. A native select: fully keyboard
 * accessible and announced by screen readers without extra work.
 */
export default function KeyTypeSelect({
  value,
  onChange,
  label = 'Key type',
  testId,
  disabled,
}: KeyTypeSelectProps) {
  return (
    <TextField
      select
      label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as KeyType)}
      helperText={KEY_TYPE_INFO[value].help}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId } }}
    >
      {OPTIONS.map(([id, info]) => (
        <option key={id} value={id}>
          {info.label}
        </option>
      ))}
    </TextField>
  );
}
