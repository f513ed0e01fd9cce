import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ClipboardNoticeContext, ClipboardNoticeSlotContext } from '../hooks/clipboard-notice-context';
import type { ClipboardNoticeRequest, ClipboardNoticeSlot } from '../hooks/clipboard-notice-context';
import ClipboardNotice from './ClipboardNotice';

interface Notice extends ClipboardNoticeRequest {
  /** When it was shown (ms): the start of its progress bar, and its React key. */
  shownAt: number;
  cleared: boolean;
}

/**
 * Holds the current clipboard notice for the whole app; a new copy replaces the previous notice. It renders
 * into the shell's ClipboardNoticeSlot, which sits where it covers no control, inside a `role="status"`
 * region that stays in the page, so that a screen reader announces each notice as it arrives.
 */
export default function ClipboardNoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | undefined>();
  const [slot, setSlot] = useState<ClipboardNoticeSlot | undefined>();
  const show = useCallback(
    (request: ClipboardNoticeRequest) => setNotice({ ...request, shownAt: Date.now(), cleared: false }),
    [],
  );
  const close = useCallback(() => setNotice(undefined), []);
  const markCleared = useCallback(() => setNotice((current) => current && { ...current, cleared: true }), []);
  const slots = useMemo(
    () => ({
      register: (next: ClipboardNoticeSlot) => setSlot(next),
      unregister: (element: HTMLElement) =>
        setSlot((current) => (current?.element === element ? undefined : current)),
    }),
    [],
  );

  const region = (
    <div role="status">
      {notice && (
        <ClipboardNotice
          key={notice.shownAt}
          what={notice.what}
          clearsAt={notice.clearsAt}
          shownAt={notice.shownAt}
          cleared={notice.cleared}
          compact={slot?.placement === 'bar'}
          onCleared={markCleared}
          onClose={close}
        />
      )}
    </div>
  );

  return (
    <ClipboardNoticeContext.Provider value={show}>
      <ClipboardNoticeSlotContext.Provider value={slots}>
        {children}
        {slot ? createPortal(region, slot.element) : region}
      </ClipboardNoticeSlotContext.Provider>
    </ClipboardNoticeContext.Provider>
  );
}
