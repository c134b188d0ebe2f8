import { useEffect, type RefObject } from "react";

/**
 * Makes everything outside `ref` inert while it is mounted: the call covers the page like a modal,
 * so Tab, a screen reader's virtual cursor and clicks must never reach the page behind it. Only the
 * elements this hook made inert are restored (one that was inert already stays so).
 */
export function useInertBehind(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const made: HTMLElement[] = [];
    for (let node = ref.current; node?.parentElement && node !== document.body; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert) continue;
        sibling.setAttribute("inert", "");
        made.push(sibling);
      }
    }
    return () => made.forEach((el) => el.removeAttribute("inert"));
  }, [ref]);
}
