"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ReactNode, Ref } from "react";
import type { Locale } from "@/i18n/config";
import { plural } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { format } from "@/i18n/format";
import { useCaptions } from "../captions/captions-provider";
import type { Panel } from "./call-controls";
import { useOwnHand } from "./people-actions";
import { usePeople } from "./people-provider";
import { REACTIONS } from "./reactions";

type T = Messages["call"];

export const menuItemClass =
  "flex min-h-9 cursor-default select-none items-center gap-2 rounded-md px-2.5 py-1.5 outline-none " +
  "data-[highlighted]:bg-zinc-700 data-[disabled]:opacity-50";
/** The panels that have their own button on wider screens; on a phone they live in the menu. */
const narrowOnly = "sm:hidden";

export function MenuCheck() {
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
  hostMenu,
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
  /** The host's items (whether guests ask to join). */
  hostMenu?: ReactNode;
  locale: Locale;
  t: T;
}) {
  const tBar = t.bar;
  const c = useCaptions();
  const panel = (name: Panel, label: ReactNode, className = "") => (
    <Menu.Item className={`${menuItemClass} ${className}`} onSelect={() => onPanel(name)}>
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
          <Menu.CheckboxItem className={menuItemClass} checked={share.on} onCheckedChange={share.toggle}>
            <MenuCheck />
            {t.shareScreen}
          </Menu.CheckboxItem>
        )}
        {c.live && (
          <Menu.CheckboxItem className={menuItemClass} checked={c.paused} onCheckedChange={c.setPaused}>
            <MenuCheck />
            {t.captions.pause}
          </Menu.CheckboxItem>
        )}
        {(c.offer || c.offered.length > 0) && panel("captions", t.captions.language)}
        {hostMenu}
        <Menu.Separator className="my-1 h-px bg-white/10" />
        <PhoneHandAndReactions />
        {panel("people", t.participantsTitle, narrowOnly)}
        {panel(
          "chat",
          unread > 0 ? `${t.chatTitle} (${plural(locale, t.chatUnread, unread)})` : t.chatTitle,
          narrowOnly,
        )}
        {panel("transcript", t.captions.transcriptTitle, narrowOnly)}
        {panel("devices", t.devicesTitle)}
        <Menu.Item className={menuItemClass} onSelect={onCopy}>
          <span className="w-4 shrink-0" />
          {tBar.copyJoiningInfo}
        </Menu.Item>
        <Menu.Item className={menuItemClass} onSelect={onHelp}>
          <span className="w-4 shrink-0" />
          {tBar.shortcuts}
        </Menu.Item>
      </Menu.Content>
    </Menu.Root>
  );
}

/**
 * On a phone the bar has no room for raise hand and reactions, so they are menu items here: the
 * hand as one item named by what it does, the reactions as a labelled group of items (arrow keys
 * move through them like any other item). Wider screens have the bar's buttons instead.
 */
function PhoneHandAndReactions() {
  const { t, react } = usePeople();
  const hand = useOwnHand();
  return (
    <>
      <Menu.Item
        className={`${menuItemClass} ${narrowOnly}`}
        disabled={hand.pending}
        onSelect={() => void hand.toggle()}
      >
        <span aria-hidden className="flex w-4 shrink-0 justify-center">
          ✋
        </span>
        {hand.label}
      </Menu.Item>
      <Menu.Group aria-label={t.sendReaction} className={`px-1 pb-1 ${narrowOnly}`}>
        <p aria-hidden className="px-1.5 pb-1 pt-1.5 text-xs text-zinc-300">
          {t.sendReaction}
        </p>
        <div className="flex flex-wrap gap-1">
          {REACTIONS.map((r) => (
            <Menu.Item
              key={r.key}
              aria-label={format(t.reactWith, { name: t.emoji[r.key] })}
              onSelect={() => react(r.key)}
              className="flex size-10 items-center justify-center rounded-full text-xl outline-none data-[highlighted]:bg-zinc-700"
            >
              <span aria-hidden>{r.emoji}</span>
            </Menu.Item>
          ))}
        </div>
      </Menu.Group>
      <Menu.Separator className={`my-1 h-px bg-white/10 ${narrowOnly}`} />
    </>
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
