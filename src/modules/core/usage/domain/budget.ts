/** Share of a space's monthly transcription budget at which its hosts are warned. */
export const BUDGET_WARN_SHARE = 0.8;

/**
 * The reason the ws server gives (with CLOSE.BUDGET_EXHAUSTED) when a space's budget is used up;
 * the browser recognises it to show its own translation.
 */
export const BUDGET_USED_UP_REASON = "Transcription budget for this space is used up";
