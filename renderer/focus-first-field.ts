const FIELD =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * A callback ref for a dialog's content: on open, the focus goes to its first field (issue 10 §7), unless
 * something inside already has it (a field with `autoFocus`). In a radio group that is the checked option, as
 * Tab would choose. It runs as the content mounts, before the dialog's focus trap would focus the dialog itself.
 */
export function focusFirstField(el: HTMLElement | null): void {
  if (!el || el.contains(document.activeElement)) return;
  const first = el.querySelector<HTMLElement>(FIELD);
  if (first instanceof HTMLInputElement && first.type === 'radio') {
    const group = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter(
      (r) => r.name === first.name && !r.disabled,
    );
    (group.find((r) => r.checked) ?? first).focus();
    return;
  }
  first?.focus();
}
