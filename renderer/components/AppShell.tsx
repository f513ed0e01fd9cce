import { useState } from 'react';
import type { ReactNode } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import AnchorIcon from '@mui/icons-material/Anchor';
import MenuIcon from '@mui/icons-material/Menu';
import type { PageKey } from '../pages';
import { TESTIDS } from '../testids';
import { VISUALLY_HIDDEN } from '../theme';
import ClipboardNoticeSlot from './ClipboardNoticeSlot';
import NavList from './NavList';

const WIDTH = 232;
const NAV_DRAWER_ID = 'app-nav-drawer';
/**
 * Room for the clipboard notice in the narrow app bar: it must end left of the certificate drawer (480 px
 * wide at the right) so that it never lies under it; 552 = that drawer + the menu button + margins.
 */
const BAR_NOTICE_WIDTH = 'max(240px, min(420px, calc(100vw - 552px)))';

export interface AppShellProps {
  page: PageKey;
  onNavigate: (page: PageKey) => void;
  children: ReactNode;
}

/** The first stop of the Tab key: straight to the page, past the navigation. */
function SkipLink() {
  return (
    <Link
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
      sx={{
        ...VISUALLY_HIDDEN,
        '&:focus': {
          clip: 'auto',
          width: 'auto',
          height: 'auto',
          m: 0,
          left: 8,
          top: 8,
          zIndex: 2000,
          bgcolor: 'background.paper',
          color: 'primary.main',
          p: 1,
          borderRadius: 1,
        },
      }}
    >
      Skip to content
    </Link>
  );
}

function Brand() {
  return (
    <Stack direction="row" spacing={1.25} sx={{ alignItems: 'center' }}>
      <AnchorIcon color="primary" />
      <Typography variant="h6" component="div" sx={{ fontWeight: 700, letterSpacing: '-0.01em' }}>
        Anchorage
      </Typography>
    </Stack>
  );
}

function Caption() {
  return (
    <Typography variant="caption" component="p" color="text.secondary">
      Short-lived AWS credentials through IAM Roles Anywhere.
    </Typography>
  );
}

/**
 * The window frame (issue 10 §6): from 900 px up, a permanent navigation rail on the left; below that, a top
 * app bar whose menu button opens the navigation as a temporary drawer. Everything sits in a landmark:
 * banner (skip link, name), navigation, main, and contentinfo in the rail. The clipboard notice has room of
 * its own in either frame, so it never covers a control.
 */
export default function AppShell({ page, onNavigate, children }: AppShellProps) {
  const theme = useTheme();
  // noSsr: the first render already has the right frame, so a narrow window never flashes the rail.
  const narrow = useMediaQuery(theme.breakpoints.down('md'), { noSsr: true });
  const [menuOpen, setMenuOpen] = useState(false);
  const navOpen = narrow && menuOpen;

  const main = (
    <Box
      component="main"
      id="main"
      tabIndex={-1}
      sx={{ flexGrow: 1, minWidth: 0, px: { xs: 2, sm: 3, md: 5 }, py: { xs: 3, md: 4 }, outline: 'none' }}
    >
      <Box sx={{ maxWidth: 1080, mx: 'auto' }}>{children}</Box>
    </Box>
  );

  // One tree for both frames, `main` always its last child: crossing 900 px (a resize, a full-page screenshot)
  // re-renders the frame but never remounts the page, so an open dialog or a loaded card survives it.
  return (
    <Box
      sx={{ display: 'flex', flexDirection: narrow ? 'column' : 'row', minHeight: '100vh' }}
      data-testid={TESTIDS.appShell}
      data-layout={narrow ? 'narrow' : 'wide'}
    >
      {narrow ? (
        <AppBar
          position="sticky"
          color="inherit"
          elevation={0}
          sx={{ bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}
        >
          <Toolbar sx={{ gap: 1 }}>
            <SkipLink />
            <IconButton
              edge="start"
              aria-label="Open navigation"
              aria-haspopup="dialog"
              aria-expanded={navOpen}
              aria-controls={navOpen ? NAV_DRAWER_ID : undefined}
              onClick={() => setMenuOpen(true)}
              data-testid={TESTIDS.navMenu}
            >
              <MenuIcon />
            </IconButton>
            <ClipboardNoticeSlot placement="bar" sx={{ width: BAR_NOTICE_WIDTH, flexShrink: 0 }} />
            <Box sx={{ flexGrow: 1 }} />
            <Brand />
          </Toolbar>
        </AppBar>
      ) : null}
      {narrow ? (
        // Modal: focus moves to the current page's link, Escape closes, and focus returns to the button.
        <Drawer
          variant="temporary"
          open={navOpen}
          onClose={() => setMenuOpen(false)}
          slotProps={{
            paper: {
              id: NAV_DRAWER_ID,
              'aria-label': 'Navigation',
              sx: { width: WIDTH },
            },
          }}
        >
          <Box
            component="nav"
            aria-label="Main"
            data-testid={TESTIDS.navDrawer}
            sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1 }}
          >
            <Box sx={{ px: 2.5, py: 2 }}>
              <Brand />
            </Box>
            <NavList
              page={page}
              focusCurrent
              onNavigate={(next) => {
                setMenuOpen(false);
                onNavigate(next);
              }}
            />
            <Box sx={{ flexGrow: 1 }} />
            <Box sx={{ px: 2.5, py: 2 }}>
              <Caption />
            </Box>
          </Box>
        </Drawer>
      ) : (
        <Drawer
          variant="permanent"
          sx={{
            width: WIDTH,
            flexShrink: 0,
            '& .MuiDrawer-paper': { width: WIDTH, boxSizing: 'border-box' },
          }}
        >
          <Box component="header" sx={{ px: 2.5, py: 2.5 }}>
            <SkipLink />
            <Brand />
          </Box>
          <Box component="nav" aria-label="Main">
            <NavList page={page} onNavigate={onNavigate} />
          </Box>
          <Box sx={{ flexGrow: 1 }} />
          <Box component="footer" sx={{ px: 1.5, pb: 2 }}>
            <ClipboardNoticeSlot placement="rail" sx={{ mb: 1.5 }} />
            <Box sx={{ px: 1 }}>
              <Caption />
            </Box>
          </Box>
        </Drawer>
      )}
      {main}
    </Box>
  );
}
