import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';

/** One way to complete a step ("Create a new CA", "Use an existing CA"). */
interface Mode<K extends string> {
  key: K;
  label: string;
  testId: string;
  disabled?: boolean;
}

export interface ModeTabsProps<K extends string> {
  label: string;
  modes: ReadonlyArray<Mode<K>>;
  value: K;
  onChange: (key: K) => void;
  /** Focus the selected tab on mount: the tabs replace a card the user asked to change. */
  focusOnMount?: boolean;
  children: ReactNode;
}

/**
 * "Create" next to "use an existing one" (issue 10 §1): tabs with their panel, linked by id so that screen
 * readers announce which tab the panel belongs to. Arrow keys move between tabs, Enter or Space selects.
 */
export default function ModeTabs<K extends string>(props: ModeTabsProps<K>) {
  const { label, modes, value, onChange, focusOnMount = false, children } = props;
  const id = useId();
  const tabs = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) tabs.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, [focusOnMount]);

  return (
    <>
      <Tabs
        ref={tabs}
        value={value}
        onChange={(_e, next: K) => onChange(next)}
        aria-label={label}
        variant="scrollable"
        allowScrollButtonsMobile
      >
        {modes.map((m) => (
          <Tab
            key={m.key}
            value={m.key}
            label={m.label}
            disabled={m.disabled}
            data-testid={m.testId}
            id={`${id}-tab-${m.key}`}
            aria-controls={`${id}-panel`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${value}`} sx={{ pt: 3 }}>
        {children}
      </Box>
    </>
  );
}
