import { useCallback, useContext } from 'react';
import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';
import { ClipboardNoticeSlotContext } from '../hooks/clipboard-notice-context';
import type { ClipboardNoticePlacement } from '../hooks/clipboard-notice-context';

/** The room the shell keeps for the clipboard notice; ClipboardNoticeProvider renders the notice into it. */
export default function ClipboardNoticeSlot({
  placement,
  sx,
}: {
  placement: ClipboardNoticePlacement;
  sx?: SxProps<Theme>;
}) {
  const { register, unregister } = useContext(ClipboardNoticeSlotContext);
  // A ref callback with a cleanup (React 19): the slot of a layout that is leaving unregisters only itself.
  const ref = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return undefined;
      register({ element, placement });
      return () => unregister(element);
    },
    [register, unregister, placement],
  );
  return <Box ref={ref} sx={sx} />;
}
