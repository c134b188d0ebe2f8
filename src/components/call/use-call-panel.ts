import { useRef, useState } from "react";
import type { Panel } from "./call-controls";

/**
 * The call's side panel: which one is open, how many chat messages are unread, and focus:
 * whatever opened a panel gets focus back when it closes (More, for a panel opened from its menu,
 * whose item is gone by then).
 */
export function useCallPanel(chatCount: number) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const [seen, setSeen] = useState(0);
  const opener = useRef<HTMLElement | null>(null);
  const moreRef = useRef<HTMLButtonElement>(null);

  const toggle = (next: Panel) => {
    if (panel === "chat" || next === "chat") setSeen(chatCount);
    if (panel === next) {
      setPanel(null);
      const back = opener.current?.isConnected ? opener.current : moreRef.current;
      requestAnimationFrame(() => back?.focus());
      return;
    }
    const active = document.activeElement;
    opener.current =
      active instanceof HTMLElement && !active.closest('[role="menu"]') ? active : moreRef.current;
    setPanel(next);
  };

  return { panel, toggle, unread: panel === "chat" ? 0 : Math.max(0, chatCount - seen), moreRef };
}
