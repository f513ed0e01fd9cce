import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api } from '../api';
import ErrorAlert from '../components/ErrorAlert';
import Loading from '../components/Loading';
import { useLoad } from '../hooks/use-load';
import { TESTIDS } from '../testids';
import { whenSaved } from './progress-store';
import { resolveProgress } from './progress';
import WizardFlow from './WizardFlow';

export interface WizardProps {
  /** Open a page of the app (the done step links to Credentials). */
  onNavigate?: (page: 'credentials' | 'certificates') => void;
}

/**
 * The setup wizard: from nothing to working AWS credentials (issue 4). Its progress lives in core (issue 10
 * §1), so this loads it with the certificates and profiles it refers to, checks it (resolveProgress), and hands
 * the result to the flow. A write still on its way from a previous visit is waited for first, so coming back
 * from another page reads what was just stored.
 */
export default function SetupWizard({ onNavigate }: WizardProps) {
  const loaded = useLoad(async () => {
    await whenSaved();
    const [stored, certs, profiles] = await Promise.all([api.wizardGet(), api.certList(), api.profileList()]);
    return { certs, profiles, ...resolveProgress(stored, certs, profiles) };
  });

  return (
    <Box>
      <Typography variant="h4" component="h1" data-testid={TESTIDS.pageTitle} sx={{ mb: 0.5 }}>
        Set up Anchorage
      </Typography>
      {loaded.data ? (
        <WizardFlow initial={loaded.data} onNavigate={onNavigate} />
      ) : loaded.error ? (
        <Stack spacing={2} sx={{ mt: 3, alignItems: 'flex-start' }}>
          <ErrorAlert error={loaded.error} />
          <Button variant="outlined" onClick={() => void loaded.reload()}>
            Try again
          </Button>
        </Stack>
      ) : (
        <Loading />
      )}
    </Box>
  );
}
