import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/server/db";
import { parseJsonBody } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { route } from "@/server/http/route";
import { getTranscriptionBudget } from "../application/get-transcription-budget";
import { setTranscriptionBudget } from "../application/set-transcription-budget";

// numeric(12, 2) in the database; a cent is the smallest step.
const budgetBody = z
  .object({ budgetUsd: z.number().min(0).max(1_000_000_000).multipleOf(0.01).nullable() })
  .strict();

export const getTranscriptionBudgetEndpoint = route({ params: spaceParams }, async ({ user, params }) =>
  NextResponse.json({
    budget: await getTranscriptionBudget(getDb(), { userId: user.id, spaceId: params.spaceId }),
  }),
);

export const setTranscriptionBudgetEndpoint = route(
  { params: spaceParams },
  async ({ req, user, params }) => {
    const { budgetUsd } = await parseJsonBody(req, budgetBody);
    const budget = await setTranscriptionBudget(getDb(), {
      userId: user.id,
      spaceId: params.spaceId,
      budgetUsd,
    });
    return NextResponse.json({ budget });
  },
);
