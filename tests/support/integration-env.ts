import { inject } from "vitest";

// The web env module reads process.env lazily, so setting it here, before any test imports run
// a request, points getDb() at this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
process.env.DATA_DIR ??= `/tmp/rooms-it-data-${process.pid}`;
process.env.LOG_LEVEL ??= "silent";
