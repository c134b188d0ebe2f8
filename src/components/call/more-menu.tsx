"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ReactNode, Ref } from "react";
import type { Locale } from "@/i18n/config";
import { plural } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { useCaptions } from "../captions/captions-provider";
import type { Panel } from "./call-controls";

type T = Messages["call"];

const item =
  "flex min-h-9 cursor-default select-none items-center gap-2 rounded-md px-2.5 py-1.5 outline-none " +
  "data-[highlighted]:bg-zinc-700 data-[disabled]:opacity-50";
/** The panels that have their own button on wider screens; on a phone they live in the menu. */
const narrowOnly = "sm:hidden";

function Check() {
  return (
    // Hidden from the name: the item's state is aria-checked, its name stays "Pause my captions".
    <span aria-hidden className="flex w-4 shrink-0 justify-center">
      <Menu.ItemIndicator>✓</Menu.ItemIndicator>
    </span>
  );
}

/**
 * The control bar's "More": what is used less often than the microphone, camera, captions and the
 * panels. Radix's menu is a menu button as ARIA describes it (haspopup/expanded, arrow keys, type to
 * find, Escape closes and gives focus back to the button).
 */
export function MoreMenu({
  triggerRef,
  className,
  unread,
  share,
  onPanel,
  onCopy,
  onHelp,
  locale,
  t,
}: {
  triggerRef: Ref<HTMLButtonElement>;
  className: string;
  unread: number;
  share: { available: boolean; on: boolean; toggle: () => void };
  onPanel: (panel: Panel) => void;
  onCopy: () => void;
  onHelp: () => void;
  locale: Locale;
  t: T;
}) {
  const tBar = t.bar;
  const c = useCaptions();
  const panel = (name: Panel, label: ReactNode, className = "") => (
    <Menu.Item className={`${item} ${className}`} onSelect={() => onPanel(name)}>
      <span className="w-4 shrink-0" />
      {label}
    </Menu.Item>
  );

  return (
    <Menu.Root modal={false}>
      <Menu.Trigger asChild>
        <button
          ref={triggerRef}
          type="button"
          aria-label={tBar.more}
          title={tBar.more}
          className={`${className} relative`}
        >
          <DotsIcon />
          {unread > 0 && (
            <span
              aria-hidden
              className={`absolute -right-0.5 -top-0.5 size-3 rounded-full bg-indigo-400 ring-2 ring-zinc-950 ${narrowOnly}`}
            />
          )}
        </button>
      </Menu.Trigger>
      <Menu.Content
        side="top"
        align="end"
        sideOffset={8}
        collisionPadding={8}
        loop
        className="z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] min-w-60 max-w-[calc(100vw-1rem)] overflow-y-auto rounded-lg bg-zinc-800 p-1 text-sm text-white shadow-xl ring-1 ring-white/10"
      >
        {share.available && (
          <Menu.CheckboxItem className={item} checked={share.on} onCheckedChange={share.toggle}>
            <Check />
            {t.shareScreen}
          </Menu.CheckboxItem>
        )}
        {c.live && (
          <Menu.CheckboxItem className={item} checked={c.paused} onCheckedChange={c.setPaused}>
            <Check />
            {t.captions.pause}
          </Menu.CheckboxItem>
        )}
        {(c.offer || c.offered.length > 0) && panel("captions", t.captions.language)}
        <Menu.Separator className="my-1 h-px bg-white/10" />
        {panel("people", t.participantsTitle, narrowOnly)}
        {panel(
          "chat",
          unread > 0 ? `${t.chatTitle} (${plural(locale, t.chatUnread, unread)})` : t.chatTitle,
          narrowOnly,
        )}
        {panel("transcript", t.captions.transcriptTitle, narrowOnly)}
        {panel("devices", t.devicesTitle)}
        <Menu.Item className={item} onSelect={onCopy}>
          <span className="w-4 shrink-0" />
          {tBar.copyJoiningInfo}
        </Menu.Item>
        <Menu.Item className={item} onSelect={onHelp}>
          <span className="w-4 shrink-0" />
          {tBar.shortcuts}
        </Menu.Item>
      </Menu.Content>
    </Menu.Root>
  );
}

function DotsIcon() {
  return (
    <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
      <circle cx="8" cy="3" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="8" cy="13" r="1.5" />
    </svg>
  );
}
