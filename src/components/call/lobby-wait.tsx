"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { LobbyText } from "@/i18n/messages/lobby";
import { lobbyApi } from "@/modules/core/sessions/api/contract";
import { PendingButton } from "../ui";
import { callApi } from "../use-api";
import { usePolling } from "../use-polling";
import { CallScreen } from "./screens";

const EVERY_MS = 2000;

type Props = {
  slug: string;
  title: string;
  name: string;
  /** "denied": the join already said so (a reload after the host's answer). */
  initial: "waiting" | "denied";
  onAdmitted: () => void;
  onEnded: () => void;
  /** Knocks again after a cancel (the join asks for it). */
  askAgain: ReactNode;
  /** The way out of a refusal or a cancel. */
  wayOut: ReactNode;
  t: LobbyText;
  errors: Messages["errors"];
};

/** A guest in the lobby: waiting, then refused or withdrawn (admitted and ended leave it). */
export function Lobby(props: Props) {
  const { t } = props;
  const [view, setView] = useState(props.initial as "waiting" | "denied" | "cancelled");
  if (view === "waiting") {
    return (
      <LobbyWait {...props} onDenied={() => setView("denied")} onCancelled={() => setView("cancelled")} />
    );
  }
  return view === "denied" ? (
    <CallScreen title={t.deniedTitle} body={t.deniedBody} context={props.title} tone="warning">
      {props.wayOut}
    </CallScreen>
  ) : (
    <CallScreen title={t.cancelledTitle} context={props.title}>
      {props.askAgain}
      {props.wayOut}
    </CallScreen>
  );
}

/**
 * "Waiting for the host to let you in" until the host (or an admin) decides, the guest cancels, or
 * the session ends. The guest's own knock is read by its cookie every 2 s.
 */
function LobbyWait(props: Props & { onDenied: () => void; onCancelled: () => void }) {
  const { t, onAdmitted, onDenied, onEnded } = props;
  const [cancelling, setCancelling] = useState(false);
  const mine = usePolling(lobbyApi.mine, cancelling ? null : { slug: props.slug }, EVERY_MS, props.errors);
  const status = mine?.sessionStatus === "ENDED" ? "ENDED" : mine?.knock.status;
  // Polls keep answering "admitted" while the join runs: act on a decision once.
  const acted = useRef(false);
  useEffect(() => {
    if (acted.current || !status || status === "WAITING" || status === "CANCELLED") return;
    acted.current = true;
    if (status === "ENDED") onEnded();
    else if (status === "ADMITTED") onAdmitted();
    else if (status === "DENIED") onDenied();
  }, [status, onAdmitted, onDenied, onEnded]);

  async function cancel() {
    setCancelling(true);
    const res = await callApi(lobbyApi.cancel, { params: { slug: props.slug } }, props.errors);
    // Admitted or refused just before the cancel: the poll's answer stands.
    if (res.ok && res.data.knock.status !== "CANCELLED") return setCancelling(false);
    props.onCancelled();
  }

  return (
    <CallScreen
      title={t.waitingTitle}
      body={format(t.waitingBody, { name: props.name })}
      context={props.title}
    >
      <p role="status" className="basis-full text-sm text-zinc-600" data-testid="lobby-host-away">
        {mine && !mine.hostInCall ? t.hostAway : ""}
      </p>
      <PendingButton variant="secondary" pending={cancelling} onClick={() => void cancel()}>
        {t.cancel}
      </PendingButton>
    </CallScreen>
  );
}
