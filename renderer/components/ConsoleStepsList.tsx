import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemAvatar from '@mui/material/ListItemAvatar';
import ListItemText from '@mui/material/ListItemText';
import Avatar from '@mui/material/Avatar';
import { consoleSteps } from '../../shared/domain/trust-policy';
import type { ConsoleStepsOptions } from '../../shared/domain/trust-policy';
import { TESTIDS } from '../testids';

/** The numbered AWS console steps: trust anchor, role, profile, then the ARNs (shared/trust-policy.ts). */
export default function ConsoleStepsList(props: ConsoleStepsOptions) {
  const steps = consoleSteps(props);
  return (
    <List
      component="ol"
      data-testid={TESTIDS.consoleSteps}
      sx={{ p: 0 }}
      aria-label="Steps in the AWS console"
    >
      {steps.map((step, i) => (
        <ListItem key={step.title} component="li" alignItems="flex-start" disableGutters>
          <ListItemAvatar sx={{ minWidth: 44 }}>
            <Avatar
              sx={{
                width: 28,
                height: 28,
                fontSize: 14,
                bgcolor: 'primary.main',
                color: 'primary.contrastText',
              }}
              aria-hidden
            >
              {i + 1}
            </Avatar>
          </ListItemAvatar>
          <ListItemText
            primary={step.title}
            secondary={step.detail}
            slotProps={{ primary: { sx: { fontWeight: 600 } } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
