import TextField from '@mui/material/TextField';
import { SESSION_DURATION } from '../../shared/domain/limits';
import { TESTIDS } from '../testids';

const CHOICES = [SESSION_DURATION.min, 3600, 14400, SESSION_DURATION.max];

/** "15 minutes", "1 hour", "90 minutes", "12 hours (the maximum)". */
export function sessionLengthLabel(seconds: number): string {
  const suffix = seconds === SESSION_DURATION.max ? ' (the maximum)' : '';
  if (seconds % 3600 === 0) {
    const hours = seconds / 3600;
    return `${hours} hour${hours === 1 ? '' : 's'}${suffix}`;
  }
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}${suffix}`;
}

/**
 * The session length of a profile. A length set elsewhere (the CLI takes any number of seconds) is offered as
 * well, so that editing a profile never changes it unasked.
 */
export default function SessionLengthSelect({
  value,
  onChange,
}: {
  value: number;
  onChange: (seconds: number) => void;
}) {
  const choices = CHOICES.includes(value) ? CHOICES : [...CHOICES, value].sort((a, b) => a - b);
  return (
    <TextField
      select
      label="Session length"
      value={value}
      onChange={(e) => onChange(Number(e.target.value))}
      helperText="The role’s maximum session duration must allow it."
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': TESTIDS.profileDuration } }}
    >
      {choices.map((seconds) => (
        <option key={seconds} value={seconds}>
          {sessionLengthLabel(seconds)}
        </option>
      ))}
    </TextField>
  );
}
