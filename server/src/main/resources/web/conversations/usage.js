// RevBot usage page: the series of GET /api/usage drawn with Chart.js (served by RevBot from its WebJar, no CDN).
// Days are calendar days in the viewer's time zone. Charts draw without animation, so what a screenshot shows is the
// data.
"use strict";

const PALETTE = ["#2563eb", "#16a34a", "#dc2626", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569"];
const STATUS_SHADE = { succeeded: 0, failed: 2, cancelled: 3, incomplete: 8 };
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const charts = {};

Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.size = 11;

function toLogin() {
  location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), config);
}

const color = (i) => PALETTE[i % PALETTE.length];
const percent = { callback: (v) => `${Math.round(v * 100)} %` };
const ms = { callback: (v) => (v < 1000 ? `${v} ms` : `${(v / 1000).toFixed(1)} s`) };
const usd = { callback: (v) => `$${Number(v).toFixed(v < 1 ? 4 : 2)}` };
const TOKEN_KINDS = [["input", "input"], ["output", "output"], ["cache_read", "cache read"], ["cache_write", "cache write"]];

function render(u) {
  const days = u.days;
  const channels = [...new Set(u.runs_per_day.map((s) => s.channel))];
  draw("runs-per-day", {
    type: "bar",
    data: { labels: days, datasets: u.runs_per_day.map((s) => ({
      label: `${s.channel} · ${s.status}`, data: s.counts, stack: s.channel,
      backgroundColor: color(channels.indexOf(s.channel) * 3 + (STATUS_SHADE[s.status] ?? 5)) })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });

  const tiers = [...new Set(u.routing.map((r) => r.tier))];
  const decisions = [...new Set(u.routing.map((r) => r.decision))];
  draw("routing", {
    type: "bar",
    data: { labels: tiers, datasets: decisions.map((d, i) => ({
      label: d, backgroundColor: color(i),
      data: tiers.map((t) => (u.routing.find((r) => r.tier === t && r.decision === d) || { runs: 0 }).runs) })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });

  for (const [id, rows] of [["latency-agents", u.latency.agents], ["latency-tools", u.latency.tools]]) {
    draw(id, {
      type: "bar",
      data: { labels: rows.map((r) => r.name), datasets: [
        { label: "p50", data: rows.map((r) => r.p50_ms), backgroundColor: color(0) },
        { label: "p95", data: rows.map((r) => r.p95_ms), backgroundColor: color(3) }] },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: ms } } },
    });
  }

  const costAndTokens = (labels, tokensOf, cost) => ({
    data: { labels, datasets: [
      ...TOKEN_KINDS.map(([key, label], i) => ({ type: "bar", label: `${label} tokens`, data: tokensOf(key),
        stack: "tokens", backgroundColor: color(i + 4), yAxisID: "tokens" })),
      { type: "line", label: "cost (USD)", data: cost, borderColor: color(2), backgroundColor: color(2), yAxisID: "cost" }] },
    options: { scales: {
      x: { stacked: true },
      tokens: { position: "left", stacked: true, beginAtZero: true },
      cost: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: usd } } },
  });
  draw("cost-per-day", { type: "bar", ...costAndTokens(days, (k) => u.per_day.tokens[k], u.per_day.cost_usd) });
  draw("cost-per-agent", { type: "bar", ...costAndTokens(u.per_agent.map((a) => a.name),
    (k) => u.per_agent.map((a) => a[k]), u.per_agent.map((a) => a.cost_usd)) });

  draw("cache-share", {
    type: "line",
    data: { labels: days, datasets: [{ label: "cache reads / input-side tokens", data: u.per_day.cache_read_share,
      borderColor: color(5), backgroundColor: color(5) }] },
    options: { scales: { y: { min: 0, max: 1, ticks: percent } } },
  });

  draw("negative-feedback", {
    type: "line",
    data: { labels: days, datasets: [{ label: "negative / rated runs", data: u.per_day.negative_feedback_rate,
      spanGaps: true, borderColor: color(2), backgroundColor: color(2) }] },
    options: { scales: { y: { min: 0, max: 1, ticks: percent } } },
  });

  const f = u.feedback;
  document.getElementById("totals").textContent = `${u.runs} runs · days in ${u.zone} · `
    + (f.rated ? `${f.negative} of ${f.rated} rated runs negative (${Math.round(f.negative_rate * 100)} %)` : "no feedback yet");
}

async function load() {
  const params = new URLSearchParams({ tz: ZONE });
  for (const [k, v] of new FormData(document.getElementById("range"))) if (v) params.set(k, v);
  const res = await fetch(`/api/usage?${params}`);
  if (res.status === 401) return toLogin();
  const usage = await res.json();
  render(usage);
  document.body.dataset.loaded = "true";
}

// The last 30 days unless the address says otherwise (?since=2026-01-01&until=…): every run ever is a lot to read.
function initialRange() {
  const form = document.getElementById("range"), query = new URLSearchParams(location.search);
  const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const monthAgo = new Date();
  monthAgo.setDate(monthAgo.getDate() - 29);
  form.since.value = query.get("since") || day(monthAgo);
  form.until.value = query.get("until") || "";
}

document.getElementById("range").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
initialRange();
load();
