import { useEffect, useRef } from "react";

export type CallShortcuts = {
  onMicrophone: () => void;
  onCamera: () => void;
  onHelp: () => void;
  /** Escape with nothing else to close (no menu, no dialog): the open panel. */
  onEscape: () => void;
};

const editable = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/**
 * The call's keyboard: Ctrl/⌘+D microphone and Ctrl/⌘+E camera as in Google Meet (the browser's
 * bookmark and search shortcuts are kept from running), `?` the list of shortcuts, Escape the open
 * panel. Listened for on window in the capture phase, so a menu or dialog that closes on the same
 * Escape is still open when we look, and keeps the key for itself.
 */
export function useCallShortcuts(handlers: CallShortcuts) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const h = latest.current;
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (key === "d" || key === "e")) {
        e.preventDefault();
        if (!e.repeat) (key === "d" ? h.onMicrophone : h.onCamera)();
      } else if (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !editable(e.target)) {
        e.preventDefault();
        h.onHelp();
      } else if (e.key === "Escape" && !document.querySelector('[role="menu"], dialog[open]')) {
        h.onEscape();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
}
