import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { MONO_FONT } from '../theme';

export interface CodeBlockProps {
  label: string;
  text: string;
  testId?: string;
  copyTestId?: string;
  saveTestId?: string;
  onCopy?: () => void;
  onSave?: () => void;
  maxHeight?: number;
}

/** Monospace text with a caption and optional copy/save buttons (what those do is up to the caller). */
export default function CodeBlock(props: CodeBlockProps) {
  const { label, text, testId, copyTestId, saveTestId, onCopy, onSave, maxHeight = 280 } = props;
  return (
    <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
      <Stack
        direction="row"
        sx={{
          alignItems: 'center',
          px: 1.5,
          py: 0.5,
          bgcolor: 'action.hover',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Typography variant="caption" sx={{ flexGrow: 1, fontWeight: 600, color: 'text.secondary' }}>
          {label}
        </Typography>
        {onCopy && (
          <Tooltip title={`Copy ${label}`}>
            <IconButton size="small" aria-label={`Copy ${label}`} onClick={onCopy} data-testid={copyTestId}>
              <ContentCopyIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
        {onSave && (
          <Tooltip title={`Save ${label} to a file`}>
            <IconButton
              size="small"
              aria-label={`Save ${label} to a file`}
              onClick={onSave}
              data-testid={saveTestId}
            >
              <SaveAltIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Stack>
      <Box
        component="pre"
        data-testid={testId}
        aria-label={label}
        tabIndex={0}
        sx={{
          m: 0,
          p: 1.5,
          maxHeight,
          overflow: 'auto',
          fontFamily: MONO_FONT,
          fontSize: 12.5,
          lineHeight: 1.55,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {text}
      </Box>
    </Paper>
  );
}
