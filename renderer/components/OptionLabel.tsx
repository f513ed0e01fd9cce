import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** A radio or checkbox label: the option's name, and one line on what it means. */
export default function OptionLabel({ title, help }: { title: string; help?: string }) {
  return (
    <Box sx={{ py: 0.5 }}>
      <Typography variant="body1">{title}</Typography>
      {help && (
        <Typography variant="body2" color="text.secondary">
          {help}
        </Typography>
      )}
    </Box>
  );
}
