import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { TESTIDS } from '../testids';

export interface DropZoneProps {
  onFiles: (files: File[]) => void;
  prompt?: string;
  accept?: string;
}

/**
 * Drop files here, or choose them with a button (the keyboard path). Only hands the File objects up; reading
 * them is the caller's business.
 */
export default function DropZone({ onFiles, prompt = 'Drop PEM or PFX files here', accept }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  };

  return (
    <Paper
      variant="outlined"
      data-testid={TESTIDS.dropZone}
      data-over={over ? 'true' : 'false'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      sx={{
        p: 3,
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'primary.main' : 'divider',
        bgcolor: over ? 'action.hover' : 'transparent',
        textAlign: 'center',
        transition: 'border-color 120ms, background-color 120ms',
      }}
    >
      <Stack spacing={1} sx={{ alignItems: 'center' }}>
        <UploadFileIcon color={over ? 'primary' : 'action'} fontSize="large" />
        <Typography variant="body1">{prompt}</Typography>
        <Typography variant="body2" color="text.secondary">
          A certificate with its key (PEM), a PFX / PKCS#12 file, or a certificate and a separate key file.
        </Typography>
        <Button variant="outlined" size="small" onClick={() => input.current?.click()}>
          Choose files…
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={accept ?? '.pem,.crt,.cer,.key,.der,.pfx,.p12'}
          aria-label="Choose certificate files"
          data-testid={TESTIDS.importFile}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </Stack>
    </Paper>
  );
}
