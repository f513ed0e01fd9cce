import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';

/** The placeholder while a page's code or data loads. */
export default function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 10 }}>
      <CircularProgress aria-label={label} />
    </Box>
  );
}
