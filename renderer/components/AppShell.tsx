import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AnchorIcon from '@mui/icons-material/Anchor';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import DrawIcon from '@mui/icons-material/Draw';
import KeyIcon from '@mui/icons-material/Key';
import SettingsIcon from '@mui/icons-material/Settings';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { PAGES } from '../pages';
import type { PageKey } from '../pages';
import { TESTIDS } from '../testids';

const ICONS: Record<PageKey, ReactNode> = {
  wizard: <AutoFixHighIcon />,
  certificates: <VerifiedUserIcon />,
  credentials: <KeyIcon />,
  sign: <DrawIcon />,
  settings: <SettingsIcon />,
};

const WIDTH = 232;

export interface AppShellProps {
  page: PageKey;
  onNavigate: (page: PageKey) => void;
  children: ReactNode;
}

/** The window frame: a navigation rail on the left, the page on the right. */
export default function AppShell({ page, onNavigate, children }: AppShellProps) {
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }} data-testid={TESTIDS.appShell}>
      <Link
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
        sx={{
          position: 'absolute',
          left: -9999,
          '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 },
        }}
      >
        Skip to content
      </Link>
      <Drawer
        variant="permanent"
        sx={{ width: WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: WIDTH, boxSizing: 'border-box' } }}
      >
        <Stack direction="row" spacing={1.25} sx={{ alignItems: 'center', px: 2.5, py: 2.5 }}>
          <AnchorIcon color="primary" />
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, letterSpacing: '-0.01em' }}>
            Anchorage
          </Typography>
        </Stack>
        <Box component="nav" aria-label="Main">
          <List sx={{ px: 1 }}>
            {PAGES.map((p) => (
              <ListItemButton
                key={p.key}
                selected={p.key === page}
                onClick={() => onNavigate(p.key)}
                aria-current={p.key === page ? 'page' : undefined}
                data-testid={TESTIDS.nav(p.key)}
                sx={{ borderRadius: 2, mb: 0.5 }}
              >
                <ListItemIcon sx={{ minWidth: 38 }}>{ICONS[p.key]}</ListItemIcon>
                <ListItemText primary={p.label} />
              </ListItemButton>
            ))}
          </List>
        </Box>
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="caption" color="text.secondary" sx={{ px: 2.5, py: 2 }}>
          Short-lived AWS credentials through IAM Roles Anywhere.
        </Typography>
      </Drawer>
      <Box
        component="main"
        id="main"
        tabIndex={-1}
        sx={{ flexGrow: 1, minWidth: 0, px: { xs: 3, md: 5 }, py: 4, outline: 'none' }}
      >
        <Box sx={{ maxWidth: 1080, mx: 'auto' }}>{children}</Box>
      </Box>
    </Box>
  );
}
