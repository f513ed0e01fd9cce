import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import { lineDiff } from '../../line-diff';
import { TESTIDS } from '../../testids';
import { MONO_FONT } from '../../theme';

const MARK = { same: '  ', removed: '- ', added: '+ ' } as const;

/**
 * An existing role's trust policy against the one Anchorage wants (issue 12 §3: "shown as a diff"): removed
 * lines marked "-", added ones "+". The marks carry the meaning; the tints only help the eye.
 */
export default function TrustPolicyDiff({ current, wanted }: { current: string; wanted: string }) {
  return (
    <Box data-testid={TESTIDS.registerTrustDiff} sx={{ mt: 1, minWidth: 0 }}>
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        The role’s trust policy now (lines marked -) and what Anchorage would set (lines marked +):
      </Typography>
      <Box
        component="pre"
        tabIndex={0}
        aria-label="Trust policy differences"
        sx={{
          m: 0,
          p: 1,
          maxHeight: 220,
          overflow: 'auto',
          fontFamily: MONO_FONT,
          fontSize: 12,
          lineHeight: 1.5,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {lineDiff(current, wanted).map((line, i) => (
          <Box
            component="span"
            key={i}
            data-kind={line.kind}
            sx={{
              display: 'block',
              bgcolor: (t) =>
                line.kind === 'removed'
                  ? alpha(t.palette.error.main, 0.1)
                  : line.kind === 'added'
                    ? alpha(t.palette.success.main, 0.1)
                    : 'transparent',
            }}
          >
            {MARK[line.kind]}
            {line.text}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
