// The closing lines of scripts/test.sh, from vitest's JSON reports: the test counts, then each
// failed test with the start of its errors (every attempt of a retried one). CI shows only the end
// of a long log, and that end must say what failed and why, not only that something did.
import fs from "node:fs";
import path from "node:path";

const MAX_LINES = 16;
const MAX_CHARS = 3_000;
const plain = (s) => s.replace(/\u001b\[[0-9;]*m/g, "");

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const f of fs.readdirSync(dir)) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
  for (const file of report.testResults) {
    for (const t of file.assertionResults.filter((a) => a.status === "failed")) {
      failures.push({
        where: `${path.relative(process.cwd(), file.name)} > ${t.fullName}`,
        errors: t.failureMessages,
      });
    }
    // A file that failed outside its tests (a hook, an import) has no failed assertion to show.
    if (file.status === "failed" && file.message)
      failures.push({ where: path.relative(process.cwd(), file.name), errors: [file.message] });
  }
}
for (const { where, errors } of failures) {
  console.log(`\nFAILED ${where}`);
  errors.forEach((e, n) => {
    const text = plain(e).split("\n").slice(0, MAX_LINES).join("\n").slice(0, MAX_CHARS);
    console.log(`  [${n + 1}/${errors.length}] ${text.replace(/\n/g, "\n  ")}`);
  });
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
