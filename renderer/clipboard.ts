/**
 * Copy PUBLIC text the renderer already shows (a CA certificate PEM, a trust policy). Secrets never take this
 * path: they are copied by main (`session.copy`, `sign.copy`, generated PFX passwords) and cleared after a delay.
 * The execCommand fallback covers a window where the async clipboard permission is denied.
 */
export async function copyPublicText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through to the selection-based copy
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The clipboard is not available in this window.');
}
