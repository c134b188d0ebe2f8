import { describe, expect, it } from "vitest";
import { shouldReconnect, CLOSE } from "@/modules/core/captions/domain/close-codes";
import { budgetShare } from "./budget-repository";

const state = (budgetUsd: number | null, spentUsd: number) => ({ spaceId: "s", budgetUsd, spentUsd });

describe("budget share", () => {
  it("is spent ÷ budget, null without a budget, and a zero budget counts as used up", () => {
    expect(budgetShare(state(10, 8))).toBe(0.8);
    expect(budgetShare(state(10, 0))).toBe(0);
    expect(budgetShare(state(null, 500))).toBeNull();
    expect(budgetShare(state(0, 0))).toBe(Infinity);
  });

  it("a used-up budget's close code is not retried by the browser", () => {
    expect(CLOSE.BUDGET_EXHAUSTED.code).toBe(4014);
    expect(shouldReconnect(CLOSE.BUDGET_EXHAUSTED.code)).toBe(false);
  });
});
