"use client";

import { useRouter } from "next/navigation";
import type { Locale } from "@/i18n/config";
import { dateTimeFormatter, format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { meetingsApi } from "@/modules/core/sessions/api/contract";
import { FormError, PendingButton } from "../ui";
import { useApiAction } from "../use-api";

type Props = {
  locale: Locale;
  /** Where the server will start it (start-meeting.ts picks the same); null: a new space. */
  spaceName: string | null;
  t: Messages["invite"];
  errors: Messages["errors"];
};

/** One click from the dashboard to a new call's pre-join screen. */
export function NewMeetingButton({ locale, spaceName, t, errors }: Props) {
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);

  async function start() {
    // Titled with the moment in the creator's own time zone, which only the browser knows.
    const title = format(t.meetingTitle, { date: dateTimeFormatter(locale).format(new Date()) });
    const result = await run(meetingsApi.start, { json: { title, firstSpaceName: t.firstSpaceName } });
    if (result) router.push(result.session.path);
  }

  return (
    <div className="space-y-1.5">
      <PendingButton
        pending={pending}
        pendingLabel={t.newMeetingPending}
        onClick={() => void start()}
        className="w-full sm:w-auto"
      >
        <span aria-hidden>+</span>
        {t.newMeeting}
      </PendingButton>
      <p className="text-xs text-zinc-500">
        {spaceName ? format(t.newMeetingHint, { space: spaceName }) : t.newMeetingHintFirst}
      </p>
      <FormError message={error} />
    </div>
  );
}
