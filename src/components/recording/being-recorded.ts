"use client";

import type { ErrorMessages } from "@/i18n/messages/en";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { callApi } from "../use-api";
import { activeOf } from "./recording-state";

/**
 * Whether the call is being recorded right now. Asked after the join request (which makes the
 * viewer a participant, who may read the list) and before connecting: a recording that started
 * while someone sat on the pre-join screen is told there first.
 */
export async function beingRecorded(slug: string, errors: ErrorMessages): Promise<boolean> {
  const res = await callApi(recordingsApi.list, { params: { slug } }, errors);
  return res.ok && activeOf(res.data.recordings) !== null;
}
