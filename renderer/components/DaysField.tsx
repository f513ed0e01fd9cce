import TextField from '@mui/material/TextField';
import { daysHint } from '../format';

export interface DaysFieldProps {
  days: number;
  onChange: (days: number) => void;
  /** Appended to the "≈ N years" hint, e.g. why a shorter validity is better. */
  advice: string;
  disabled: boolean;
  testId: string;
}

/** A certificate validity in whole days (1–36500), with a human reading of the number. */
export default function DaysField({ days, onChange, advice, disabled, testId }: DaysFieldProps) {
  return (
    <TextField
      label="Validity (days)"
      type="number"
      value={Number.isFinite(days) ? days : ''}
      onChange={(e) => onChange(Math.floor(Number(e.target.value)))}
      error={!(days >= 1)}
      helperText={`${daysHint(days)}. ${advice}`}
      disabled={disabled}
      slotProps={{ htmlInput: { 'data-testid': testId, min: 1, max: 36500 } }}
    />
  );
}
