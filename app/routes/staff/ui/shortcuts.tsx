import { useEffect, useRef, useState } from 'react';
import { useT } from '~/i18n/i18n';

// Keyboard shortcuts for the daily loop (inbox, voice page, the mayor's queue). A page lists
// its shortcuts; `?` opens a dialog that lists them. They never fire while typing (inputs,
// text areas, selects, anything editable, or an IME composition) nor with Ctrl/Alt/Meta, and
// each one only does what a link or a button on the page does, so Tab reaches everything too.

export interface Shortcut {
  /** The key as KeyboardEvent.key gives it ('j', '/', …). */
  key: string;
  /** What the key does, already translated. */
  label: string;
  run: () => void;
}

/** True when a key press belongs to what the person is typing, not to a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file', 'range', 'color'].includes(type);
  }
  return false;
}

/** The page's shortcuts and the `?` help dialog (with a button that opens it, for Tab and mouse users). */
export function KeyboardShortcuts({ shortcuts }: { shortcuts: Shortcut[] }) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  // Says when the keys are live (after hydration): tests and curious people can tell.
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      if (dialog.current?.open) return;
      if (event.key === '?') {
        event.preventDefault();
        dialog.current?.showModal();
        return;
      }
      const shortcut = latest.current.find((s) => s.key === event.key);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run();
    };
    document.addEventListener('keydown', onKey);
    setReady(true);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="button-link shortcuts-open" onClick={() => dialog.current?.showModal()} aria-haspopup="dialog"
        data-shortcuts={ready ? 'ready' : undefined}>
        {t('staff:shortcuts.openHelp')}
      </button>
      <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('staff:shortcuts.title')}</h2>
        <p className="field__hint">{t('staff:shortcuts.hint')}</p>
        <dl className="shortcuts-list">
          {shortcuts.map((s) => (
            <div key={s.key}>
              <dt><kbd>{s.key === ' ' ? 'Space' : s.key}</kbd></dt>
              <dd>{s.label}</dd>
            </div>
          ))}
          <div>
            <dt><kbd>?</kbd></dt>
            <dd>{t('staff:shortcuts.help')}</dd>
          </div>
        </dl>
        <form method="dialog">
          <button type="submit" className="button">{t('staff:shortcuts.close')}</button>
        </form>
      </dialog>
    </>
  );
}

const LIST_KEY = 'meyasu:voice-list';

/** The inbox remembers the list it shows, so the voice page can go to the next or previous voice. */
export function rememberVoiceList(href: string, receipts: string[]) {
  try {
    sessionStorage.setItem(LIST_KEY, JSON.stringify({ href, receipts }));
  } catch {
    // storage refused (private mode): the voice page simply has no next/previous
  }
}

export function rememberedVoiceList(): { href: string; receipts: string[] } | null {
  try {
    const raw = sessionStorage.getItem(LIST_KEY);
    const parsed = raw ? (JSON.parse(raw) as { href?: unknown; receipts?: unknown }) : null;
    if (!parsed || typeof parsed.href !== 'string' || !Array.isArray(parsed.receipts)) return null;
    return { href: parsed.href, receipts: parsed.receipts.filter((r): r is string => typeof r === 'string') };
  } catch {
    return null;
  }
}
