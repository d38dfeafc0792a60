#!/usr/bin/env node
// `npm run calibrate`: fits the buyer score on real shop sessions and checks the weights the
// project ships. Reads ../shared/data/online-shoppers-calibration.csv (or --data), never copies
// it. Prints the fit, its seeded k-fold cross-validated AUC, the shipped weights beside the
// fitted ones, and the AUC of the shipped classifier replaying every session through the real
// fold. Exits 1 when the fit no longer reproduces the shipped weights. See docs/intent.md.
import { build } from "esbuild";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFlags, flagHelp, UsageError } from "./lib/args.mjs";
import { createRng } from "./lib/rng.mjs";
import { auc, crossValidate, fitMonotone, logOdds } from "./lib/logit.mjs";
import { activityOf, readShopperSessions, replayEvents } from "./lib/shoppers.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const FLAGS = {
  data: { type: "string", default: join(ROOT, "..", "shared", "data", "online-shoppers-calibration.csv"), value: "csv", help: "the calibration sessions" },
  folds: { type: "int", default: 10, min: 2, max: 100, value: "k", help: "cross-validation folds" },
  seed: { type: "int", default: 1, min: 0, max: 2 ** 32 - 1, value: "n", help: "seed of the fold assignment" },
  help: { type: "bool", help: "show this help" },
};

/** Ridge penalty of the fit: small, so nearly collinear stretches of the curve stay finite. */
const L2 = 1;
/** Shipped weights are rounded to two decimals, so a refit may differ by half a cent. */
const TOLERANCE = 0.005;

const NAMES = ["engaged 0–2 min", "engaged 2–10 min", "engaged 10–30 min", "engaged 30+ min", "account page seen", "about-the-shop page seen", "returning visitor"];

/** The shared logic, bundled for Node, so the script reads the shipped model and runs the real fold. */
async function loadShared() {
  const contents = [
    'export { BUYER_MODEL, buyerFeatures, classifyIntent } from "./packages/shared/src/logic/intent";',
    'export { foldEvents } from "./packages/shared/src/logic/fold";',
  ].join("\n");
  const out = await build({ stdin: { contents, resolveDir: ROOT, loader: "ts" }, bundle: true, platform: "node", format: "esm", target: "node20", write: false, logLevel: "silent" });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString("base64")}`);
}

const fixed = (x, digits = 3) => (x < 0 ? "" : " ") + x.toFixed(digits);

async function main() {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.help) {
    console.log(`Usage: npm run calibrate -- [flags]\n\nFits the buyer score on real shop sessions and checks the shipped weights.\n\n${flagHelp(FLAGS)}`);
    return 0;
  }
  const shared = await loadShared();
  const model = shared.BUYER_MODEL;
  const sessions = readShopperSessions(resolve(flags.data));
  const X = sessions.map((s) => shared.buyerFeatures(activityOf(s)));
  const y = sessions.map((s) => (s.bought ? 1 : 0));
  const monotone = [0, 1, 2, 3];

  const beta = fitMonotone(X, y, { l2: L2, nonNegative: monotone });
  const cv = crossValidate(X, y, { k: flags.folds, rng: createRng(flags.seed), l2: L2, nonNegative: monotone });
  const shipped = [model.intercept, ...model.engaged, model.accountPages, model.infoPages, model.returning];
  const bought = y.reduce((a, b) => a + b, 0);

  console.log(`calibration sessions: ${sessions.length}, ${bought} bought (${((100 * bought) / sessions.length).toFixed(1)}%) — ${flags.data}`);
  console.log(`model: logistic regression, ridge λ = ${L2}; engaged time ≤ ${model.engagedCapSeconds} s per page, curve knots at ${model.engagedKnotsMinutes.join(", ")} min\n`);
  console.log("weight                      fitted   shipped");
  ["intercept", ...NAMES].forEach((name, i) => console.log(`${name.padEnd(26)} ${fixed(beta[i])}   ${fixed(shipped[i], 2)}`));

  const replayed = sessions.map((s, i) => {
    const now = Date.UTC(2026, 0, 15, 12);
    return shared.classifyIntent(shared.foldEvents(null, replayEvents(s, i, now), { sessionMinutes: 30, interestHalfLifeDays: 14 }), now).buyer;
  });
  console.log(`\n${flags.folds}-fold cross-validated AUC (seed ${flags.seed}): ${cv.pooled.toFixed(4)} pooled, ${cv.mean.toFixed(4)} ± ${cv.sd.toFixed(4)} per fold`);
  console.log(`in-sample AUC of the fit: ${auc(X.map((x) => logOdds(beta, x)), y).toFixed(4)}`);
  console.log(`shipped classifier, every session replayed through foldEvents → classifyIntent: AUC ${auc(replayed, y).toFixed(4)}`);
  console.log(`for comparison, product pages alone: AUC ${auc(sessions.map((s) => s.catalogPages), y).toFixed(4)}`);

  const off = shipped.map((w, i) => [i === 0 ? "intercept" : NAMES[i - 1], w, beta[i]]).filter(([, w, b]) => Math.abs(w - b) > TOLERANCE + 1e-9);
  if (off.length > 0) {
    console.log(`\nthe shipped weights differ from this fit: ${off.map(([name, w, b]) => `${name} ${w} vs ${b.toFixed(3)}`).join("; ")}`);
    console.log("update BUYER_MODEL in packages/shared/src/logic/intent.ts (and docs/intent.md) from the fitted column.");
    return 1;
  }
  console.log("\nthe shipped weights reproduce this fit (to two decimals).");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof UsageError ? `calibrate: ${error.message}` : error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
