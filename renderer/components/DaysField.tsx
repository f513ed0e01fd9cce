import { useState } from 'react';
import TextField from '@mui/material/TextField';
import { MIN_VALIDITY_DAYS, maxValidityDays, validityDaysProblem } from '../../shared/domain/limits';
import { daysHint } from '../format';

export interface DaysFieldProps {
  days: number;
  onChange: (days: number) => void;
  /** Appended to the "≈ N years" hint, e.g. why a shorter validity is better. */
  advice: string;
  disabled: boolean;
  /** Keep the field focusable but fixed (while a form submits: a disabled field would drop the focus). */
  readOnly?: boolean;
  testId: string;
}

/**
 * A certificate validity in whole days, with a human reading of the number. The rule is core's (at least one
 * day, ending by 9999-12-31: shared/domain/limits.ts); a CA's own end date is checked by core.
 */
export default function DaysField({ days, onChange, advice, disabled, readOnly, testId }: DaysFieldProps) {
  // The clock at mount: the ceiling moves by a day a day, and core checks the exact one.
  const [now] = useState(() => Date.now());
  return (
    <TextField
      label="Validity (days)"
      type="number"
      value={Number.isFinite(days) ? days : ''}
      onChange={(e) => onChange(Math.floor(Number(e.target.value)))}
      error={validityDaysProblem(days, new Date(now)) !== undefined}
      helperText={`${daysHint(days)}. ${advice}`}
      disabled={disabled}
      slotProps={{
        htmlInput: { 'data-testid': testId, min: MIN_VALIDITY_DAYS, max: maxValidityDays(now), readOnly },
      }}
    />
  );
}
