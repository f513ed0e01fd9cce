import { useRef, useState } from 'react';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { TESTIDS } from '../testids';

export interface HeaderRow {
  id: number;
  name: string;
  value: string;
}

export interface HeaderEditorProps {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
}

let nextId = 1;
/** A new empty header row with a stable key. */
function newHeaderRow(name = '', value = ''): HeaderRow {
  return { id: nextId++, name, value };
}

/**
 * Request headers as name/value rows; each row is labelled for screen readers by its position. The focus
 * follows each action: into the name field of a new row, and after a removal to the next row's remove button
 * (or the previous one's, or "Add header" when none is left), never to the page's body.
 */
export default function HeaderEditor({ rows, onChange }: HeaderEditorProps) {
  const [added, setAdded] = useState<number>();
  const removeButtons = useRef(new Map<number, HTMLButtonElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (id: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const remove = (index: number) => {
    const neighbour = rows[index + 1] ?? rows[index - 1];
    (neighbour ? removeButtons.current.get(neighbour.id) : addButton.current)?.focus();
    onChange(rows.filter((_, i) => i !== index));
  };
  const add = () => {
    const row = newHeaderRow();
    setAdded(row.id);
    onChange([...rows, row]);
  };
  return (
    <Stack spacing={1.5}>
      {rows.map((row, i) => (
        <Stack key={row.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField
            size="small"
            label={`Header ${i + 1} name`}
            value={row.name}
            autoFocus={row.id === added}
            onChange={(e) => update(row.id, { name: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': TESTIDS.signHeaderName, spellCheck: false } }}
          />
          <TextField
            size="small"
            label={`Header ${i + 1} value`}
            value={row.value}
            onChange={(e) => update(row.id, { value: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': TESTIDS.signHeaderValue, spellCheck: false } }}
          />
          <IconButton
            aria-label={`Remove header ${i + 1}`}
            ref={(el) => {
              if (el) removeButtons.current.set(row.id, el);
              else removeButtons.current.delete(row.id);
            }}
            onClick={() => remove(i)}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <div>
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={add}
          ref={addButton}
          data-testid={TESTIDS.signHeaderAdd}
        >
          Add header
        </Button>
      </div>
    </Stack>
  );
}
