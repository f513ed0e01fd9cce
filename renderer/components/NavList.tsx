import type { ReactNode } from 'react';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
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

export interface NavListProps {
  page: PageKey;
  onNavigate: (page: PageKey) => void;
  /** Focus the current page's link when mounted (the narrow layout's menu has just opened). */
  focusCurrent?: boolean;
}

/**
 * The pages as a list of links (`<li><a href="#/page">`), the current one marked `aria-current="page"`.
 * Links, not buttons in a `<ul>` (axe's `list` rule: a list holds only list items; issue 10 §7), and they
 * navigate in place: App keeps the hash in step without adding a history entry per click.
 */
export default function NavList({ page, onNavigate, focusCurrent = false }: NavListProps) {
  return (
    <List sx={{ px: 1 }}>
      {PAGES.map((p) => (
        <ListItem key={p.key} disablePadding sx={{ mb: 0.5 }}>
          <ListItemButton
            component="a"
            href={`#/${p.key}`}
            selected={p.key === page}
            autoFocus={focusCurrent && p.key === page}
            onClick={(event) => {
              event.preventDefault();
              onNavigate(p.key);
            }}
            aria-current={p.key === page ? 'page' : undefined}
            data-testid={TESTIDS.nav(p.key)}
            sx={{ borderRadius: 2 }}
          >
            <ListItemIcon sx={{ minWidth: 38 }}>{ICONS[p.key]}</ListItemIcon>
            <ListItemText primary={p.label} />
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}
