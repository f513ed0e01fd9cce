import TextField from '@mui/material/TextField';
import { configurationNote, DEFAULT_SOURCE, sourceOptions } from '../operator-sources';
import type { OperatorSources } from '../operator-sources';

export interface OperatorSourceSelectProps {
  sources: OperatorSources;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}

const GROUPS = ['AWS profiles', 'Stored in Anchorage'] as const;

/**
 * Whose AWS credentials make the registration calls (issue 12 §1): the AWS configuration, a `~/.aws` profile, or
 * a static set stored in Anchorage. They are used for these calls only and never stored.
 */
export default function OperatorSourceSelect({
  sources,
  value,
  onChange,
  testId,
}: OperatorSourceSelectProps) {
  const options = sourceOptions(sources);
  const chosen = options.find((o) => o.value === value);
  const helper =
    value === DEFAULT_SOURCE
      ? configurationNote(sources)
      : chosen?.source.kind === 'static'
        ? 'A static set from the Credentials page. Anchorage uses it for these calls only.'
        : 'A profile of ~/.aws (SSO and credential_process profiles included). Anchorage uses it for these calls only and stores nothing.';
  return (
    <TextField
      select
      label="AWS credentials for these calls"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      helperText={helper}
      sx={{ maxWidth: 420 }}
      slotProps={{
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': testId },
      }}
    >
      {options
        .filter((o) => o.value === DEFAULT_SOURCE)
        .map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      {GROUPS.map((group) => {
        const inGroup = options.filter((o) => o.group === group);
        return inGroup.length === 0 ? null : (
          <optgroup key={group} label={group}>
            {inGroup.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        );
      })}
    </TextField>
  );
}
