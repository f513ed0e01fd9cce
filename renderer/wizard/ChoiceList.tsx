import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { TESTIDS } from '../testids';

/** One entry of a {@link ChoiceList}. */
export interface Choice {
  /** A certificate id or profile name; also the option's test id suffix. */
  id: string;
  /** The name, ellipsized when long (the full text in a tooltip). */
  title: string;
  /** A second line: subject, ARN, region. */
  detail?: ReactNode;
  /** A status chip or words after the title. */
  status?: ReactNode;
  /** Why it cannot be chosen; the option is then disabled and says so. */
  unusable?: string;
}

export interface ChoiceListProps {
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange: (id: string) => void;
  testId?: string;
}

/**
 * "Use an existing one": a radio group of certificates or profiles, each with its status. Arrow keys move
 * between the usable ones (disabled radios are skipped), so the list is operable without a mouse; the caller
 * never preselects an unusable entry.
 */
export default function ChoiceList({ label, choices, value, onChange, testId }: ChoiceListProps) {
  const labelId = `${testId ?? 'choice'}-label`;
  return (
    <FormControl component="fieldset" data-testid={testId} sx={{ minWidth: 0, width: '100%' }}>
      <FormLabel component="legend" id={labelId} sx={{ mb: 1 }}>
        {label}
      </FormLabel>
      <RadioGroup aria-labelledby={labelId} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <FormControlLabel
            key={c.id}
            value={c.id}
            disabled={c.unusable !== undefined}
            control={
              <Radio slotProps={{ input: { 'data-testid': TESTIDS.existingOption(c.id) } as object }} />
            }
            sx={{
              alignItems: 'flex-start',
              display: 'flex',
              mr: 0,
              mb: 1,
              minWidth: 0,
              maxWidth: '100%',
              '& .MuiRadio-root': { mt: -0.75 },
              // The label may shrink below its text, so that a long name ellipsizes instead of widening the page.
              '& .MuiFormControlLabel-label': { minWidth: 0, flex: 1 },
              // An unusable entry still has to be readable (AA contrast): it says why it cannot be chosen.
              '& .MuiFormControlLabel-label.Mui-disabled': { color: 'text.secondary' },
            }}
            label={
              <Stack spacing={0.25} sx={{ minWidth: 0 }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
                  <Tooltip title={c.title}>
                    <Typography noWrap sx={{ fontWeight: 600, minWidth: 0 }}>
                      {c.title}
                    </Typography>
                  </Tooltip>
                  <Box sx={{ flexShrink: 0, display: 'inline-flex' }}>{c.status}</Box>
                </Stack>
                {c.detail && (
                  <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                    {c.detail}
                  </Typography>
                )}
                {c.unusable && (
                  <Typography variant="body2" color="text.secondary">
                    Cannot be used: {c.unusable}.
                  </Typography>
                )}
              </Stack>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
