import { inject } from "vitest";
import { installPeerAddressHook } from "@/server/http/client-address";

// The web env module reads process.env lazily, so setting it here, before any test imports run
// a request, points getDb() at this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
const livekit = inject("livekit");
process.env.LIVEKIT_URL = livekit.url;
process.env.LIVEKIT_API_KEY = livekit.apiKey;
process.env.LIVEKIT_API_SECRET = livekit.apiSecret;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
// The dev sign-in (on under NODE_ENV=test) is refused on anything but a loopback bind.
process.env.HOST ??= "127.0.0.1";
process.env.DATA_DIR ??= `/tmp/rooms-it-data-${process.pid}`;
process.env.LOG_LEVEL ??= "silent";
process.env.TRANSCRIPTION_JWT_SECRET ??= "integration-transcription-secret-0123456789";
process.env.TRANSCRIPTION_WS_URL ??= "ws://127.0.0.1:3001";
// Route handlers called in-process get their peer address from `call()` (tests/support/api.ts),
// standing in for the HTTP server's hook; installing it makes clientAddress believe that header.
installPeerAddressHook();
