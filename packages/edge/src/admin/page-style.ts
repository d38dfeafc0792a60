/** The results pages' styles: system fonts, high contrast, a visible focus ring, charts that scale. */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4d5661; --line: #c9d1d9; --bg: #fff; --soft: #f4f6f8;
  --accent: #0b57d0; --good: #136c2e; --bad: #a4161a; --warn-bg: #fff4e5; --warn: #7a3e00; --focus: #ffbf47; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 1.6rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
.crumbs { margin: 0; color: var(--muted); }
form { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; max-width: 32rem; background: var(--soft); }
form h2 { margin-top: 0; }
label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
input { font: inherit; padding: .45rem .6rem; width: 100%; border: 1px solid var(--muted); border-radius: 4px; }
button { font: inherit; padding: .45rem .9rem; margin-top: .75rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: var(--bg); color: var(--accent); }
.banner { border-left: 6px solid var(--warn); background: var(--warn-bg); color: var(--warn); padding: .75rem 1rem; margin: 1rem 0; }
.banner strong { display: block; }
.verdict { font-size: 1.15rem; border-left: 6px solid var(--accent); background: var(--soft); padding: .75rem 1rem; margin: 1rem 0; }
.verdict.winner { border-color: var(--good); }
.verdict.loser { border-color: var(--bad); }
.meta { color: var(--muted); margin: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .6rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child, .text { text-align: left; }
thead th { border-bottom: 2px solid var(--ink); }
.sub { display: block; color: var(--muted); font-size: .85em; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
svg { width: 100%; height: auto; max-width: 48rem; display: block; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .zero { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 4 3; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; color: var(--accent); }
dl.help dt { font-weight: 600; margin-top: .75rem; }
dl.help dd { margin: .1rem 0 0 0; }
footer { margin-top: 2rem; }
@media (prefers-reduced-motion: no-preference) { .verdict, .banner { transition: background .2s; } }
`;
