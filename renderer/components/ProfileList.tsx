import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import DeleteIcon from '@mui/icons-material/Delete';
import type { Profile } from '../../shared/schemas/models';
import { TESTIDS } from '../testids';

export interface ProfileListProps {
  profiles: Profile[];
  selected: string | undefined;
  onSelect: (name: string) => void;
  onRemove: (name: string) => void;
}

/** Roles Anywhere profiles; selecting one shows its live credentials. */
export default function ProfileList({ profiles, selected, onSelect, onRemove }: ProfileListProps) {
  return (
    <List aria-label="Profiles" sx={{ p: 0 }}>
      {profiles.map((p) => (
        <ListItem
          key={p.name}
          disablePadding
          data-testid={TESTIDS.profileRow}
          data-profile={p.name}
          secondaryAction={
            <Tooltip title={`Remove profile ${p.name}`}>
              <IconButton
                edge="end"
                aria-label={`Remove profile ${p.name}`}
                onClick={() => onRemove(p.name)}
                data-testid={TESTIDS.profileRemove}
              >
                <DeleteIcon />
              </IconButton>
            </Tooltip>
          }
        >
          <ListItemButton
            selected={p.name === selected}
            onClick={() => onSelect(p.name)}
            sx={{ borderRadius: 2 }}
          >
            <ListItemText
              primary={p.name}
              secondary={`${p.roleArn.split(':').pop() ?? p.roleArn} · ${p.region}${p.endpoint ? ` · ${p.endpoint}` : ''}`}
              slotProps={{ primary: { sx: { fontWeight: 600 } } }}
            />
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}
