import Avatar from '@mui/material/Avatar';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemAvatar from '@mui/material/ListItemAvatar';
import ListItemText from '@mui/material/ListItemText';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { consoleSteps } from '../../shared/domain/trust-policy';
import type { ConsoleStepsOptions } from '../../shared/domain/trust-policy';
import { TESTIDS } from '../testids';

/** A console page to open from a step. */
export interface ConsoleStepLink {
  label: string;
  url: string;
}

export interface ConsoleStepsListProps extends ConsoleStepsOptions {
  /**
   * Links per step, in consoleSteps' order (trust anchor, role, profile, ARNs); each opens through
   * `onOpen` (main opens allow-listed AWS addresses in the browser, only from a click or key press).
   */
  links?: ReadonlyArray<ConsoleStepLink | undefined>;
  onOpen?: (url: string) => void;
}

/** Test-id suffixes of the steps' links, in consoleSteps' order. */
const LINK_IDS = ['trust-anchor', 'role', 'profile', 'arns'];

/** The numbered AWS console steps: trust anchor, role, profile, then the ARNs (shared/trust-policy.ts). */
export default function ConsoleStepsList({ links, onOpen, ...options }: ConsoleStepsListProps) {
  const steps = consoleSteps(options);
  return (
    <List
      component="ol"
      data-testid={TESTIDS.consoleSteps}
      sx={{ p: 0 }}
      aria-label="Steps in the AWS console"
    >
      {steps.map((step, i) => {
        const link = links?.[i];
        return (
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
              secondary={
                <>
                  {step.detail}
                  {link && onOpen && (
                    <>
                      <br />
                      <Link
                        href={link.url}
                        // The address goes to main, which opens it in the browser; the window never navigates.
                        onClick={(e) => {
                          e.preventDefault();
                          onOpen(link.url);
                        }}
                        data-testid={TESTIDS.consoleLink(LINK_IDS[i] ?? String(i))}
                        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mt: 0.5 }}
                      >
                        {link.label}
                        <OpenInNewIcon sx={{ fontSize: 16 }} aria-hidden />
                      </Link>
                    </>
                  )}
                </>
              }
              slotProps={{ primary: { sx: { fontWeight: 600 } } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
