import { parseJsonBody } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { getTranscriptionBudget } from "../application/get-transcription-budget";
import { setTranscriptionBudget } from "../application/set-transcription-budget";
import { usageApi } from "./contract";

export const getTranscriptionBudgetEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) =>
  reply(usageApi.getBudget, {
    budget: await getTranscriptionBudget(deps.db, { userId: user.id, spaceId: params.spaceId }),
  }),
);

export const setTranscriptionBudgetEndpoint = route(
  { params: spaceParams },
  async ({ req, user, params, deps }) => {
    const { budgetUsd } = await parseJsonBody(req, usageApi.setBudget.request);
    const budget = await setTranscriptionBudget(deps.db, {
      userId: user.id,
      spaceId: params.spaceId,
      budgetUsd,
    });
    return reply(usageApi.setBudget, { budget });
  },
);
