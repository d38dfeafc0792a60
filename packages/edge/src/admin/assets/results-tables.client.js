// The results pages' script, part 3: `renderResults(results)` lays out one experiment: the SRM
// banner, the verdict in words, both charts, the numbers per arm as a table, the plan, the daily
// series as a table and the CSV download.

function section(id, title, children) {
  return el("section", { "aria-labelledby": id }, [el("h2", { id: id, text: title })].concat(children));
}

function srmBanner(srm) {
  if (!srm.mismatch) return null;
  var observed = srm.observed.map(count).join(" : ");
  var expected = srm.expected.map(function (e) { return count(Math.round(e)); }).join(" : ");
  return el("div", { class: "banner", role: "alert" }, [
    el("strong", { text: "Sample ratio mismatch: the split between arms is off." }),
    "Visitors per arm are " + observed + " where the weights expect about " + expected + " (chi-square p " + pValue(srm.p) + "). Until the cause is found (a redirect, a caching layer, bots, an arm that fails to load), none of these results can be trusted.",
  ]);
}

function comparisonCells(arm) {
  var c = arm.vsControl;
  if (!c) return [el("td", { text: "control" }), el("td", { text: "–" }), el("td", { text: "–" }), el("td", { text: "–" })];
  var seq = c.sequential;
  var relative = c.lift && c.lift.relative ? c.lift.relative.value : null;
  return [
    el("td", {}, [signedPct(relative, 1), el("span", { class: "sub", text: seq.relative ? range(seq.relative.low, seq.relative.high, function (v) { return signedPct(v, 1); }) : "–" })]),
    el("td", { text: pValue(seq.pHolm) }),
    el("td", { text: pct(c.probabilityToBeat, 1) }),
    el("td", {}, [
      c.revenue && c.revenue.relative ? signedPct(c.revenue.relative.value, 1) : "–",
      el("span", { class: "sub", text: c.revenue ? "Welch p " + pValue(c.revenue.p) : "" }),
      el("span", { class: "sub", text: c.cuped ? "CUPED p " + pValue(c.cuped.p) : "" }),
    ]),
  ];
}

function armsTable(r) {
  var head = ["Arm", "Visitors", "Conversion rate (95%)", "Lift vs control (always-valid 95%)", "p (always valid, Holm)", "Chance to beat control", "Revenue per visitor lift", "Revenue per visitor", "Orders · AOV", "Add-to-cart rate"];
  var rows = r.arms.map(function (arm) {
    return el("tr", {}, [
      el("th", { scope: "row" }, [armLabel(arm), el("span", { class: "sub", text: (arm.control ? "control · " : "") + "weight " + pct(arm.weight, 0) })]),
      el("td", {}, [count(arm.visitors), el("span", { class: "sub", text: count(arm.converters) + " converted" })]),
      el("td", {}, [pct(arm.rate.value), el("span", { class: "sub", text: range(arm.rate.low, arm.rate.high, pct) })]),
    ].concat(comparisonCells(arm)).concat([
      el("td", {}, [money(arm.revenue.perVisitor), el("span", { class: "sub", text: "total " + money(arm.revenue.total) })]),
      el("td", {}, [count(arm.orders), el("span", { class: "sub", text: "AOV " + money(arm.revenue.aov) })]),
      el("td", {}, [arm.addToCartRate ? pct(arm.addToCartRate.value) : "–", el("span", { class: "sub", text: count(arm.addToCart) + " visitors" })]),
    ]));
  });
  var cols = el("tr", {}, head.map(function (t) { return el("th", { scope: "col", text: t }); }));
  return el("div", { class: "table-wrap" }, [el("table", {}, [el("caption", { text: "Results per arm, all days" }), el("thead", {}, [cols]), el("tbody", {}, rows)])]);
}

function dailyTable(r) {
  if (r.series.length === 0) return null;
  var variants = r.arms.filter(function (a) { return !a.control; });
  var head = ["Day"].concat(r.arms.map(function (a) { return a.id + ": visitors · rate"; })).concat(variants.map(function (a) { return a.id + ": lift (interval)"; }));
  var rows = r.series.slice().reverse().map(function (p) {
    return el("tr", {}, [el("th", { scope: "row", text: p.day })].concat(p.arms.map(function (a) {
      return el("td", { text: count(a.visitors) + " · " + pct(a.rate) });
    })).concat(variants.map(function (v) {
      var l = p.lifts.filter(function (x) { return x.arm === v.id; })[0];
      return el("td", { text: l ? signedPct(l.relative, 1) + " (" + range(l.relativeLow, l.relativeHigh, function (x) { return signedPct(x, 1); }) + ")" : "–" });
    })));
  });
  var table = el("table", {}, [el("caption", { text: "Cumulative figures at the end of each day (UTC), newest first" }), el("thead", {}, [el("tr", {}, head.map(function (t) { return el("th", { scope: "col", text: t }); }))]), el("tbody", {}, rows)]);
  return el("details", {}, [el("summary", { text: "The daily numbers as a table" }), el("div", { class: "table-wrap" }, [table])]);
}

function planText(r) {
  var plan = r.plan;
  if (!plan) return "No plan yet: the control needs visitors and conversions to plan from.";
  var perArm = count(Math.ceil(plan.sequentialVisitorsPerArm));
  var remaining = plan.remainingDays === null ? "at a pace the data cannot tell yet" : plan.remainingDays === 0 ? "a size every arm has reached" : "about " + count(plan.remainingDays) + " more days at the current pace";
  return "To find a change of " + pct(plan.mde, 0) + " in the conversion rate (from " + pct(plan.baselineRate) + ") with " + pct(plan.power, 0) + " power, each arm needs about " + perArm + " visitors: " + remaining + ". The experiment has run " + count(plan.elapsedDays) + " days.";
}

async function downloadCsv(button) {
  button.disabled = true;
  try {
    var res = await api(resultsPath("csv"));
    var url = URL.createObjectURL(await res.blob());
    var link = el("a", { href: url, download: site + "-" + experimentId + "-results.csv" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say("The CSV was downloaded.");
  } catch (error) {
    if (error.status === 401) askKey("That admin key was not accepted. Enter it again.");
    else say("Could not download the CSV: " + error.message);
  } finally {
    button.disabled = false;
  }
}

function renderResults(r) {
  var e = r.experiment;
  document.getElementById("page-title").textContent = (e.name || e.id) + " — results";
  document.title = (e.name || e.id) + " · results · Vitrine";
  var csvButton = el("button", { type: "button", class: "secondary", text: "Download CSV (one row per arm and day)" });
  csvButton.addEventListener("click", function () { downloadCsv(csvButton); });
  var verdictKind = r.verdict.kind;
  content.replaceChildren(
    el("p", { class: "meta", text: (e.kind === "holdout" ? "Holdout" : "Experiment") + " " + e.id + " · " + r.status + " · counts " + (r.conversions === "trusted" ? "orders confirmed by the shop (trusted)" : "orders reported by the browser or the shop") + " · primary metric " + e.primaryMetric + " · as of " + r.generatedAt.slice(0, 16).replace("T", " ") + " UTC" }),
    srmBanner(r.srm) || el("span", {}),
    section("verdict-title", "Verdict", [
      el("p", { class: "verdict " + verdictKind, text: r.verdict.sentence }),
      el("p", { class: "meta", text: "Decided by " + (r.verdict.test === "msprt" ? "the always-valid sequential test (mSPRT) at 5%, Holm-adjusted across variants" : r.verdict.test === "srm-chi-square" ? "the sample ratio check (chi-square, p < 0.001)" : "no test yet") + "." }),
    ]),
    section("rates-title", "Conversion rate by arm", [rateChart(r.arms)]),
    section("lift-title", "Cumulative lift by day", [liftChart(r.series, r.arms), dailyTable(r)]),
    section("numbers-title", "The numbers", [armsTable(r), el("p", { text: planText(r) }), r.ignoredArms.length ? el("p", { class: "meta", text: "Left out: visitors of arms the config no longer has (" + r.ignoredArms.map(function (a) { return a.id + ": " + count(a.visitors); }).join(", ") + ")." }) : null, csvButton]),
  );
  say("Results as of " + r.generatedAt.slice(0, 16).replace("T", " ") + " UTC.");
}
