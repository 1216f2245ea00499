/** The HTML report's stylesheet, inlined: the report loads nothing. */
export const HTML_STYLE = `
:root{color-scheme:light;--fg:#1d2433;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);margin:0 auto;max-width:1180px;padding:24px 32px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
.top{border-bottom:4px solid #000091;padding-bottom:12px}.top p{margin:0;color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin:18px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--bg)}
.card .n{font-size:22px;font-weight:700}.card.bad{border-left:5px solid #b42318}.card.good{border-left:5px solid #0e7c66}.card.warn{border-left:5px solid #b54708}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}
.chart figcaption{font-weight:600;margin-bottom:4px}.chart .l{font-size:12px;fill:var(--fg)}.chart .v{font-size:12px;font-weight:700;fill:var(--fg)}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}.num{text-align:right}td.id{white-space:nowrap;font-weight:600}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap;border:1px solid}
.badge.findings{color:#b42318;background:#fef3f2}.badge.clean{color:#0e7c66;background:#ecfdf3}.badge.off{color:#b54708;background:#fffaeb}.badge.not-checkable{color:var(--muted);background:var(--bg)}
.sev{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:700;color:#fff;text-transform:uppercase}
.sev.error{background:#b42318}.sev.warning{background:#b54708}.sev.info{background:#175cd3}
.finding{border:1px solid var(--line);border-left:5px solid;border-radius:4px;margin:10px 0;padding:8px 12px;break-inside:avoid}
.finding.error{border-left-color:#b42318}.finding.warning{border-left-color:#b54708}.finding.info{border-left-color:#175cd3}
.finding .where{font-family:ui-monospace,"DejaVu Sans Mono",monospace;color:var(--muted)}.msg{margin:6px 0 2px;font-weight:600}.meta{margin:0 0 6px;color:var(--muted);font-size:12px}
pre{background:#0f172a;color:#e2e8f0;border-radius:4px;padding:8px 0;overflow-x:auto;font:12px/1.5 ui-monospace,"DejaVu Sans Mono",monospace;margin:0}
pre.code span{display:block;padding:0 10px;white-space:pre}pre.code span.hit{background:#7f1d1d}pre.code i{display:inline-block;width:3.5em;color:#94a3b8;font-style:normal;user-select:none}
.config pre{background:var(--bg);color:var(--fg);padding:8px 10px;border:1px solid var(--line)}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}.muted,.empty{color:var(--muted)}
footer{margin-top:28px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
@media print{body{padding:0}.cards{grid-template-columns:repeat(4,1fr)}pre{white-space:pre-wrap}}
`;
