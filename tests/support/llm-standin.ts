import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in answers to the next chat completion. */
export type LlmStandInReply =
  /** A completion whose message content is this value as JSON (what structured output returns). */
  | { kind: "json"; content: unknown }
  /** A completion whose message content is this exact string (e.g. not JSON). */
  | { kind: "text"; content: string }
  | { kind: "refusal"; refusal: string }
  | { kind: "status"; status: number; body?: unknown }
  /** Never answers: for timeouts. */
  | { kind: "hang" };

export type LlmStandInRequest = { authorization: string | undefined; body: Record<string, unknown> };

/**
 * A local stand-in for an OpenAI-compatible `POST /v1/chat/completions`. It checks what the real API
 * checks before answering: the bearer key (401 `invalid_api_key`), the model (404
 * `model_not_found`), messages, and for structured output a `response_format` of type `json_schema`
 * with a name and a schema; `strict: true` is required here because the adapter must ask for it.
 * Errors come back as OpenAI sends them: `{ error: { message, type, param, code } }`.
 */
export async function startLlmStandIn(opts: { apiKey: string; model: string }) {
  const requests: LlmStandInRequest[] = [];
  let next: (body: Record<string, unknown>) => LlmStandInReply = () => ({ kind: "status", status: 500 });

  const error = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    param: string | null = null,
  ) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message, type: "invalid_request_error", param, code } }));
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      return error(res, 404, "unknown_url", `Unknown request URL: ${req.method} ${req.url}`);
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      return error(res, 400, "invalid_json", "We could not parse the JSON body of your request.");
    }
    requests.push({ authorization: req.headers.authorization, body });
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return error(res, 401, "invalid_api_key", "Incorrect API key provided.");
    }
    if (body.model !== opts.model) {
      return error(
        res,
        404,
        "model_not_found",
        `The model \`${String(body.model)}\` does not exist.`,
        "model",
      );
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return error(res, 400, "invalid_value", "'messages' must be a non-empty array.", "messages");
    }
    const format = body.response_format as
      | { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: { type?: string } } }
      | undefined;
    const js = format?.json_schema;
    if (format?.type !== "json_schema" || !js?.name || js.schema?.type !== "object" || js.strict !== true) {
      return error(
        res,
        400,
        "invalid_value",
        "response_format must be a strict json_schema.",
        "response_format",
      );
    }

    const reply = next(body);
    if (reply.kind === "hang") return; // the socket stays open until the client gives up
    if (reply.kind === "status") {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          reply.body ?? { error: { message: "The server had an error.", type: "server_error" } },
        ),
      );
      return;
    }
    const message =
      reply.kind === "refusal"
        ? { role: "assistant", content: null, refusal: reply.refusal }
        : {
            role: "assistant",
            content: reply.kind === "json" ? JSON.stringify(reply.content) : reply.content,
            refusal: null,
          };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${requests.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: opts.model,
        choices: [{ index: 0, message, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** The value for LLM_BASE_URL. */
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Sets the answer for the following requests. */
    respond(fn: (body: Record<string, unknown>) => LlmStandInReply) {
      next = fn;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
