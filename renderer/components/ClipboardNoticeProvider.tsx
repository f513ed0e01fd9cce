import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { ClipboardNoticeContext } from '../hooks/clipboard-notice-context';
import type { ClipboardNoticeRequest } from '../hooks/clipboard-notice-context';
import ClipboardNotice from './ClipboardNotice';

/** Holds the current clipboard notice for the whole app; a new copy replaces the previous notice. */
export default function ClipboardNoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<(ClipboardNoticeRequest & { key: number }) | undefined>();
  const show = useCallback(
    (request: ClipboardNoticeRequest) => setNotice({ ...request, key: Date.now() }),
    [],
  );
  const close = useCallback(() => setNotice(undefined), []);
  return (
    <ClipboardNoticeContext.Provider value={show}>
      {children}
      {notice && (
        <ClipboardNotice key={notice.key} what={notice.what} clearsAt={notice.clearsAt} onClose={close} />
      )}
    </ClipboardNoticeContext.Provider>
  );
}
