import TextField from '@mui/material/TextField';
import type { KeyType } from '../../shared/models';
import { KEY_TYPE_OPTIONS, keyTypeHelp } from '../key-types';

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
      helperText={keyTypeHelp(value)}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId } }}
    >
      {KEY_TYPE_OPTIONS.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
