/**
 * A `window.matchMedia` for jsdom (which has none) that answers width queries for a window `width` px wide,
 * so that a test can render the narrow frame (AppShell collapses its navigation under 900 px). Returns the
 * function that removes it again.
 */
export function emulateWindowWidth(width: number): () => void {
  const matches = (query: string): boolean =>
    query.split(/\s+and\s+/).every((part) => {
      const max = /max-width:\s*([\d.]+)px/.exec(part);
      if (max) return width <= Number(max[1]);
      const min = /min-width:\s*([\d.]+)px/.exec(part);
      if (min) return width >= Number(min[1]);
      return false;
    });
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string): MediaQueryList =>
      ({
        matches: matches(query),
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
  return () => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  };
}
