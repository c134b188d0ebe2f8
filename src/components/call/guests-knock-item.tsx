"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { format } from "@/i18n/format";
import type { LobbyText } from "@/i18n/messages/lobby";
import { lobbyApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { MenuCheck, menuItemClass } from "./more-menu";
import { usePeople } from "./people-provider";

/**
 * The host's "Guests ask to join" in More (Meet's quick access off, Zoom's waiting room): the
 * server decides who may change it; the state lives with the caller because Radix unmounts the
 * menu's items when it closes. The outcome is said in the call's notice bar.
 */
export function GuestsKnockItem({
  slug,
  on,
  onChange,
  t,
}: {
  slug: string;
  on: boolean;
  onChange: (on: boolean) => void;
  t: LobbyText;
}) {
  const people = usePeople();

  async function change(next: boolean) {
    const res = await callApi(
      lobbyApi.settings,
      { params: { slug }, json: { guestsKnock: next } },
      people.errors,
    );
    if (!res.ok) return people.say(format(people.t.failed, { reason: res.message }));
    onChange(res.data.guestsKnock);
    people.say(res.data.guestsKnock ? t.guestsKnockOn : t.guestsKnockOff);
  }

  return (
    <Menu.CheckboxItem className={menuItemClass} checked={on} onCheckedChange={(c) => void change(c)}>
      <MenuCheck />
      {t.guestsKnock}
    </Menu.CheckboxItem>
  );
}
