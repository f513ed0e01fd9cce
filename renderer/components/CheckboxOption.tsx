import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import type { SxProps, Theme } from '@mui/material/styles';
import OptionLabel from './OptionLabel';

export interface CheckboxOptionProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The option's name, and one line on what it means. */
  title: string;
  help?: string;
  testId: string;
  disabled?: boolean;
  autoFocus?: boolean;
  sx?: SxProps<Theme>;
}

/** A consent or choice in a dialog (include the CA key, revoke the old certificate, delete anyway). */
export default function CheckboxOption(props: CheckboxOptionProps) {
  const { checked, onChange, title, help, testId, disabled, autoFocus, sx } = props;
  return (
    <FormControlLabel
      sx={[
        { alignItems: 'flex-start', '& .MuiCheckbox-root': { pt: 0.5 } },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
      {...(disabled !== undefined ? { disabled } : {})}
      control={
        <Checkbox
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          {...(autoFocus !== undefined ? { autoFocus } : {})}
          slotProps={{ input: { 'data-testid': testId } as object }}
        />
      }
      label={<OptionLabel title={title} {...(help !== undefined ? { help } : {})} />}
    />
  );
}
