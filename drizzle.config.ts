import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/lib/db/schema/*.ts",
  out: process.env.DRIZZLE_OUT ?? "./drizzle",
  casing: "snake_case",
});
