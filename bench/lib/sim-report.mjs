// What `npm run simulate` prints at the end: who was simulated, what the worker concluded about
// them (segments, hero variants, intent per persona) and how fast it answered.
import { table, int, fixed } from "./table.mjs";
import { PERSONAS } from "./personas.mjs";

const KINDS = ["researcher", "buyer", "browser"];
const SHORT = { researcher: "research", buyer: "buyer", big_spender: "bigspend", coupon_lover: "coupon", cart_abandoner: "abandon", campaign: "campaign", casual: "casual", bot: "bot" };
const pct = (n, d) => (d ? `${fixed((n / d) * 100, 0)}%` : "—");
const countInto = (map, key, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** Aggregates the visitors' journeys and final decisions into plain numbers (also the --json output). */
export function summarizeRun({ flags, base, visitors, skipped, client, timing }) {
  const personas = Object.keys(PERSONAS).filter((k) => visitors.some((v) => v.persona === k));
  const byPersona = Object.fromEntries(personas.map((k) => [k, visitors.filter((v) => v.persona === k)]));
  const matrix = (keyOf) => {
    const out = {};
    for (const v of visitors) {
      if (!v.final) continue;
      for (const key of keyOf(v.final)) {
        out[key] ??= { total: 0 };
        out[key].total++;
        out[key][v.persona] = (out[key][v.persona] ?? 0) + 1;
      }
    }
    return out;
  };
  const experiments = new Map();
  for (const v of visitors) {
    for (const e of v.final?.experiments ?? []) {
      const key = `${e.id}\u0000${e.arm}`;
      const row = experiments.get(key) ?? { id: e.id, arm: e.arm, visitors: 0, converted: 0, revenue: 0 };
      row.visitors++;
      if (v.orders.length) row.converted++;
      row.revenue += v.orders.reduce((sum, o) => sum + o.total, 0);
      experiments.set(key, row);
    }
  }
  const bots = byPersona.bot ?? [];
  const seconds = timing.journeysSeconds + timing.finalSeconds;
  return {
    run: { visitors: visitors.length, days: flags.days, seed: flags.seed, concurrency: flags.concurrency, site: flags.site, url: base },
    skipped,
    timing: { ...timing, requestsPerSecond: client.requests / seconds },
    client,
    personas: Object.fromEntries(
      personas.map((k) => {
        const list = byPersona[k];
        return [k, { visitors: list.length, sessions: list.reduce((s, v) => s + v.sessions, 0), requests: list.reduce((s, v) => s + v.requests, 0), orders: list.reduce((s, v) => s + v.orders.length, 0), revenue: list.reduce((s, v) => s + v.orders.reduce((t, o) => t + o.total, 0), 0) }];
      }),
    ),
    segments: matrix((d) => (d.segments.length ? d.segments : ["(none)"])),
    heroes: matrix((d) => [d.hero.variant]),
    sorts: matrix((d) => [d.sort.strategy]),
    intent: Object.fromEntries(
      personas.map((k) => {
        const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
        for (const v of byPersona[k]) if (v.final) counts[v.final.traits.intent.kind]++;
        return [k, counts];
      }),
    ),
    thresholds: visitors.find((v) => v.final)?.final.traits.value.thresholds ?? null,
    bots: {
      visitors: bots.length,
      requests: bots.reduce((s, v) => s + v.requests, 0),
      answeredAsBot: bots.reduce((s, v) => s + v.botFlags, 0),
      profilesKept: bots.filter((v) => (v.final?.traits.lifecycle.sessions ?? 0) > 0).length,
    },
    missingFinal: visitors.filter((v) => !v.final).length,
    experiments: [...experiments.values()],
  };
}

function personaMatrix(title, data, personas) {
  const rows = Object.entries(data)
    .sort((a, b) => b[1].total - a[1].total)
    .map(([key, counts]) => [key, int(counts.total), ...personas.map((p) => (counts[p] ? int(counts[p]) : "·"))]);
  return `${title}\n${table(["", "total", ...personas.map((p) => SHORT[p] ?? p)], rows)}`;
}

/** The summary as text for the terminal. */
export function formatSummary(s) {
  const personas = Object.keys(s.personas);
  const out = [];
  const t = s.timing;
  out.push(`Simulated ${int(s.run.visitors)} visitors over ${s.run.days} days (seed ${s.run.seed}, ${s.run.concurrency} at a time) against ${s.run.url}`);
  out.push(`wall time ${fixed(t.wallSeconds, 1)} s (journeys ${fixed(t.journeysSeconds, 1)} s, final decisions ${fixed(t.finalSeconds, 1)} s); ${int(s.client.requests)} requests (${int(s.client.decide)} decide, ${int(s.client.collect)} collect) at ${int(t.requestsPerSecond)} req/s`);
  out.push(`errors ${int(s.client.errors)}, retries ${int(s.client.retries)}, statuses ${Object.entries(s.client.statuses).map(([k, v]) => `${k}×${v}`).join(" ")}; collect accepted ${int(s.client.accepted)} events, duplicates ${int(s.client.duplicates)}`);
  if (s.skipped) out.push(`STOPPED EARLY at --max-seconds: ${int(s.skipped)} visitors not simulated`);
  if (s.missingFinal) out.push(`${int(s.missingFinal)} visitors got no final decision (errors)`);
  for (const sample of s.client.errorSamples) out.push(`  error: ${sample}`);
  out.push("");

  out.push("Visitors per persona");
  out.push(
    table(
      ["persona", "visitors", "sessions/visitor", "requests", "orders", "revenue"],
      personas.map((k) => {
        const p = s.personas[k];
        return [PERSONAS[k].label, int(p.visitors), fixed(p.sessions / p.visitors, 1), int(p.requests), int(p.orders), `$${int(p.revenue)}`];
      }),
    ),
  );
  out.push("");
  out.push(personaMatrix("Segments (each visitor's final decision; a visitor may be in several)", s.segments, personas));
  if (s.thresholds) out.push(`value thresholds at the end: big spender AOV ≥ $${s.thresholds.aovP90}, VIP 12-month spend ≥ $${s.thresholds.spendP90} (${s.thresholds.basis})`);
  out.push("");
  out.push(personaMatrix("Hero variants served", s.heroes, personas));
  out.push("");
  out.push(personaMatrix("Sort strategies", s.sorts, personas));
  out.push("");
  out.push("Intent by persona: does the classifier call researchers researchers?");
  out.push(
    table(
      ["persona", ...KINDS, "expected", "agree"],
      personas.map((k) => {
        const c = s.intent[k];
        const n = KINDS.reduce((sum, kind) => sum + c[kind], 0);
        const expect = PERSONAS[k].expect;
        return [PERSONAS[k].label, ...KINDS.map((kind) => `${int(c[kind])} ${pct(c[kind], n).padStart(4)}`), expect ?? "(any)", expect ? pct(c[expect], n) : "—"];
      }),
      [1, 2, 3, 5],
    ),
  );
  out.push("");
  const b = s.bots;
  out.push(`Bots: ${int(b.visitors)} visitors, ${int(b.requests)} requests, ${int(b.answeredAsBot)} answered as bot traffic; profiles kept afterwards: ${int(b.profilesKept)}${b.profilesKept ? "  ← SHOULD BE 0" : " (none: ignored as they should be)"}`);
  out.push("");
  if (s.experiments.length === 0) {
    out.push("experiments: none running");
  } else {
    out.push("Experiments (arms from the final decisions; conversions and revenue from the simulated orders)");
    out.push(
      table(
        ["experiment", "arm", "visitors", "converted", "conv. rate", "revenue/visitor"],
        s.experiments.map((e) => [e.id, e.arm, int(e.visitors), int(e.converted), pct(e.converted, e.visitors), `$${fixed(e.revenue / e.visitors, 2)}`]),
      ),
    );
  }
  return out.join("\n");
}

const signed = (x, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `${x > 0 ? "+" : x < 0 ? "−" : ""}${fixed(Math.abs(x) * 100, digits)}%`);
const share = (x, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `${fixed(x * 100, digits)}%`);
const money = (x) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `$${fixed(x, 2)}`);
const pv = (p) => (p === null || p === undefined || !Number.isFinite(p) ? "—" : p < 0.001 ? "<0.001" : fixed(p, 3));

/**
 * What `--experiment` prints: the simulated truth per arm beside what the worker measured
 * (from its results endpoint), the SRM check and the verdict in words.
 * @param {{ experimentId: string, planted: { conversion: number, lift: number }, truth: Record<string, { visitors: number, buyers: number, revenue: number, carted: number }>, results: any, complete: boolean, links: { json: string, csv: string, page: string }, timing: { seconds: number, requests: number } }} run
 */
export function formatExperimentResults(run) {
  const { results: r, truth, planted } = run;
  const out = [];
  out.push(`Experiment ${run.experimentId}: planted lift ${signed(planted.lift, 0)} on a ${share(planted.conversion, 1)} base conversion rate (returning customers buy twice as often in both arms)`);
  out.push(`${int(run.timing.requests)} requests in ${fixed(run.timing.seconds, 1)} s${run.complete ? "" : "; NOT every exposure or order had arrived in the results when the wait ended"}`);
  out.push("");
  out.push("Simulated truth (what the visitors did)");
  out.push(
    table(
      ["arm", "visitors", "buyers", "buy rate", "cart adds", "revenue/visitor"],
      Object.entries(truth)
        .sort(([a], [b]) => (a === "control" ? -1 : b === "control" ? 1 : a.localeCompare(b)))
        .map(([arm, t]) => [arm, int(t.visitors), int(t.buyers), share(t.buyers / t.visitors), int(t.carted), money(t.revenue / t.visitors)]),
    ),
  );
  out.push("");
  out.push(`Measured by the worker (GET ${run.links.json})`);
  out.push(
    table(
      ["arm", "visitors", "converters", "conv. rate (95%)", "lift (always-valid 95%)", "p (Holm)", "P(beat)", "revenue/visitor", "RPV lift · Welch p · CUPED p", "add-to-cart"],
      r.arms.map((a) => {
        const c = a.vsControl;
        const seq = c?.sequential;
        return [
          `${a.id}${a.control ? " (control)" : ""}`,
          int(a.visitors),
          int(a.converters),
          `${share(a.rate.value)} (${share(a.rate.low)}–${share(a.rate.high)})`,
          c ? `${signed(c.lift?.relative?.value ?? null)} (${signed(seq.relative?.low ?? null)} to ${signed(seq.relative?.high ?? null)})` : "—",
          c ? pv(seq.pHolm) : "—",
          c ? share(c.probabilityToBeat, 1) : "—",
          money(a.revenue.perVisitor),
          c ? `${signed(c.revenue?.relative?.value ?? null)} · ${pv(c.revenue?.p)} · ${pv(c.cuped?.p)}` : "—",
          a.addToCartRate ? share(a.addToCartRate.value, 1) : "—",
        ];
      }),
    ),
  );
  out.push("");
  out.push(`SRM: visitors ${r.srm.observed.map(int).join(" : ")} against expected ${r.srm.expected.map(int).join(" : ")}, chi-square p ${pv(r.srm.p)}${r.srm.mismatch ? "  ← MISMATCH" : " (fine)"}`);
  if (r.plan) out.push(`Plan: about ${int(r.plan.sequentialVisitorsPerArm)} visitors per arm to find a ${signed(r.plan.mde, 0)} change with ${share(r.plan.power, 0)} power`);
  out.push(`Verdict (${r.verdict.test}): ${r.verdict.sentence}`);
  out.push("");
  out.push(`Page: ${run.links.page}   CSV: ${run.links.csv}`);
  return out.join("\n");
}
