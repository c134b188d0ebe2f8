import { z } from "zod";

/** Thrown at start-up with one line per bad variable, so an operator can fix all of them at once. */
export class EnvError extends Error {
  constructor(processName: string, issues: z.core.$ZodIssue[]) {
    const lines = issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    super(`Invalid environment for the ${processName} process:\n${lines.join("\n")}\nSee .env.example.`);
    this.name = "EnvError";
  }
}

export function parseEnv<T extends z.ZodType>(processName: string, schema: T, source: EnvSource) {
  // Empty strings in .env files mean "unset", not "set to empty".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new EnvError(processName, result.error.issues);
  return result.data as z.output<T>;
}

export type EnvSource = Record<string, string | undefined>;

export const boolFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A group of settings that means nothing in part: an issue (on the first) unless all or none are set. */
export function setTogether(ctx: z.RefinementCtx, values: Record<string, unknown>): void {
  const names = Object.keys(values);
  const set = names.filter((name) => Boolean(values[name])).length;
  if (set === 0 || set === names.length) return;
  const listed = `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  ctx.addIssue({ code: "custom", path: [names[0]!], message: `${listed} must be set together` });
}
