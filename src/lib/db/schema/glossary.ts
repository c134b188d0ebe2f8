import { sql } from "drizzle-orm";
import { check, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { spaces } from "./spaces";

const tz = { withTimezone: true } as const;

/**
 * A space's glossary: terms that bias live recognition (`captions/domain/glossary.ts` says
 * how they are normalized). Replaced as a whole; no row = an empty glossary. The check repeats the
 * 300-term limit so no path can store more.
 */
export const spaceGlossaries = pgTable(
  "space_glossaries",
  {
    spaceId: uuid()
      .primaryKey()
      .references(() => spaces.id, { onDelete: "cascade" }),
    terms: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [check("space_glossaries_terms_max", sql`cardinality(${t.terms}) <= 300`)],
);
