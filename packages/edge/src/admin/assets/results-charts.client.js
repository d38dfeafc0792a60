// The results pages' script, part 2: the two charts as inline SVG, each with a title, a
// description that says in words what it shows, and labels that do not rely on colour.
// `rateChart(arms)`: conversion rate per arm as a dot with its 95% whisker.
// `liftChart(series, arms)`: cumulative relative lift of each variant by day, with its band.

var PALETTE = ["#0b57d0", "#b3261e", "#146c2e", "#8a4baf", "#b06000", "#00639b", "#6d5e0f", "#a0357a", "#3b6e8f"];
var CONTROL_COLOUR = "#5f6368";
var chartCount = 0;

function ticks(min, max, n) {
  var step = (max - min) / n;
  var out = [];
  for (var i = 0; i <= n; i += 1) out.push(min + step * i);
  return out;
}

function figure(svg, id, title, description, caption) {
  svg.insertBefore(svgEl("desc", { id: id + "-desc", text: description }), svg.firstChild);
  svg.insertBefore(svgEl("title", { id: id + "-title", text: title }), svg.firstChild);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", id + "-title " + id + "-desc");
  return el("figure", {}, [svg, el("figcaption", { text: caption })]);
}

function rateChart(arms) {
  var id = "chart" + (chartCount += 1);
  var width = 640, row = 44, left = 190, right = 80, top = 28;
  var height = top + row * arms.length + 16;
  var max = Math.max(0.01, Math.max.apply(null, arms.map(function (a) { return isNum(a.rate.high) ? a.rate.high : 0; }))) * 1.15;
  var x = function (v) { return left + (Math.max(0, Math.min(v, max)) / max) * (width - left - right); };
  var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height });
  ticks(0, max, 4).forEach(function (t) {
    svg.appendChild(svgEl("line", { class: "grid", x1: x(t), x2: x(t), y1: top - 6, y2: height - 12 }));
    svg.appendChild(svgEl("text", { x: x(t), y: top - 12, "text-anchor": "middle", text: pct(t, 1) }));
  });
  arms.forEach(function (arm, i) {
    var y = top + row * i + row / 2;
    var colour = arm.control ? CONTROL_COLOUR : PALETTE[i % PALETTE.length];
    svg.appendChild(svgEl("text", { x: left - 10, y: y + 4, "text-anchor": "end", text: armLabel(arm) + (arm.control && arm.id !== "control" ? " · control" : "") }));
    if (arm.visitors > 0) {
      svg.appendChild(svgEl("line", { x1: x(arm.rate.low), x2: x(arm.rate.high), y1: y, y2: y, stroke: colour, "stroke-width": 3 }));
      [arm.rate.low, arm.rate.high].forEach(function (v) { svg.appendChild(svgEl("line", { x1: x(v), x2: x(v), y1: y - 7, y2: y + 7, stroke: colour, "stroke-width": 2 })); });
      svg.appendChild(svgEl("circle", { cx: x(arm.rate.value), cy: y, r: 6, fill: colour, stroke: "#fff", "stroke-width": 1.5 }));
    }
    svg.appendChild(svgEl("text", { x: width - right + 8, y: y + 4, text: arm.visitors > 0 ? pct(arm.rate.value) : "no visitors" }));
  });
  var description = "Conversion rate per arm with its 95% interval. " + arms.map(function (a) {
    return armLabel(a) + ": " + (a.visitors > 0 ? pct(a.rate.value) + " (" + range(a.rate.low, a.rate.high, pct) + ") of " + count(a.visitors) + " visitors" : "no visitors yet");
  }).join("; ") + ".";
  return figure(svg, id, "Conversion rate by arm", description, "Dots are each arm's conversion rate, whiskers its 95% interval (Wilson). Arms whose whiskers barely overlap differ more than chance would explain.");
}

function liftChart(series, arms) {
  var id = "chart" + (chartCount += 1);
  var variants = arms.filter(function (a) { return !a.control; });
  var days = series.map(function (p) { return p.day; });
  var lines = variants.map(function (arm, v) {
    var colour = PALETTE[arms.indexOf(arm) % PALETTE.length];
    var points = [];
    series.forEach(function (p, d) {
      var lift = p.lifts.filter(function (l) { return l.arm === arm.id; })[0];
      if (lift && isNum(lift.relative) && isNum(lift.relativeLow) && isNum(lift.relativeHigh)) points.push({ d: d, value: lift.relative, low: lift.relativeLow, high: lift.relativeHigh });
    });
    return { arm: arm, colour: colour, points: points, index: v };
  }).filter(function (line) { return line.points.length > 0; });
  if (lines.length === 0) return el("p", { text: "No lift to chart yet: the control needs visitors and conversions first." });

  var CLIP = 1;
  var width = 640, height = 300, left = 64, right = 110, top = 16, bottom = 36;
  var lo = 0, hi = 0, clipped = false;
  lines.forEach(function (line) {
    line.points.forEach(function (p) {
      if (p.low < -CLIP || p.high > CLIP) clipped = true;
      lo = Math.min(lo, Math.max(-CLIP, p.low));
      hi = Math.max(hi, Math.min(CLIP, p.high));
    });
  });
  if (hi - lo < 0.1) { hi += 0.05; lo -= 0.05; }
  var span = Math.max(1, days.length - 1);
  var x = function (d) { return left + (d / span) * (width - left - right); };
  var y = function (v) { return top + ((hi - Math.max(lo, Math.min(hi, v))) / (hi - lo)) * (height - top - bottom); };
  var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height });
  ticks(lo, hi, 4).forEach(function (t) {
    svg.appendChild(svgEl("line", { class: "grid", x1: left, x2: width - right, y1: y(t), y2: y(t) }));
    svg.appendChild(svgEl("text", { x: left - 8, y: y(t) + 4, "text-anchor": "end", text: signedPct(t, 0) }));
  });
  svg.appendChild(svgEl("line", { class: "zero", x1: left, x2: width - right, y1: y(0), y2: y(0) }));
  [0, Math.floor((days.length - 1) / 2), days.length - 1].filter(function (d, i, all) { return all.indexOf(d) === i; }).forEach(function (d) {
    svg.appendChild(svgEl("text", { x: x(d), y: height - 12, "text-anchor": d === 0 ? "start" : d === days.length - 1 ? "end" : "middle", text: days[d] }));
  });
  lines.forEach(function (line) {
    var pts = line.points;
    var band = pts.map(function (p) { return x(p.d) + "," + y(p.high); }).concat(pts.slice().reverse().map(function (p) { return x(p.d) + "," + y(p.low); }));
    svg.appendChild(svgEl("polygon", { points: band.join(" "), fill: line.colour, "fill-opacity": 0.15, stroke: "none" }));
    svg.appendChild(svgEl("polyline", { points: pts.map(function (p) { return x(p.d) + "," + y(p.value); }).join(" "), fill: "none", stroke: line.colour, "stroke-width": 2.5, "stroke-dasharray": line.index % 2 ? "6 3" : null }));
    var last = pts[pts.length - 1];
    svg.appendChild(svgEl("circle", { cx: x(last.d), cy: y(last.value), r: 4, fill: line.colour }));
    svg.appendChild(svgEl("text", { x: width - right + 8, y: y(last.value) + 4, text: line.arm.id + " " + signedPct(last.value, 1) }));
  });
  var description = "Cumulative lift of each variant over control, by day from " + days[0] + " to " + days[days.length - 1] + ". " + lines.map(function (line) {
    var last = line.points[line.points.length - 1];
    return armLabel(line.arm) + " on " + days[last.d] + ": " + signedPct(last.value, 1) + " (always-valid 95% interval " + range(last.low, last.high, function (v) { return signedPct(v, 1); }) + ")";
  }).join("; ") + "." + (clipped ? " Intervals wider than ±100% are cut at the chart's edge." : "");
  return figure(svg, id, "Cumulative lift by day", description, "Lines are each variant's lift over control up to that day; bands are the always-valid 95% intervals. The dashed line at 0 is no difference." + (clipped ? " Bands are cut at ±100%." : ""));
}
