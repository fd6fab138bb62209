// RevBot conversation viewer: lists recorded runs (GET /api/conversations) and shows one as a timeline of agents
// and tools (GET /api/conversations/{id}). Plain DOM, no build step; every value is inserted as text, never as HTML,
// except the answer, which the server renders from Markdown and sanitises (view.answer_html, see AnswerHtml.java).
"use strict";

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else if (k === "style") node.style.cssText = v; // through the CSSOM: the page's CSP refuses style attributes
    else node[k] = v;
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const ms = (v) => (v === null || v === undefined) ? "–" : (v < 1000 ? `${v} ms` : `${(v / 1000).toFixed(1)} s`);
const usd = (v) => (v === null || v === undefined) ? "–" : `$${Number(v).toFixed(4)}`;
const num = (v) => Number(v || 0).toLocaleString("en-US");
const badge = (text) => el("span", { class: `badge status-${text}` }, text);

// Times in the viewer's own time zone, as a person reads them ("6 Dec 2026, 14:05:09 CET").
const TIME = new Intl.DateTimeFormat(undefined, {
  year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
  timeZoneName: "short" });
const when = (iso) => {
  const t = Date.parse(iso || "");
  return Number.isNaN(t) ? "–" : TIME.format(new Date(t));
};
const whenEl = (iso) => el("time", { dateTime: iso || "", title: iso || "" }, when(iso));

// The session cookie expired or was never set: sign in again and come back here.
function toLogin() {
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.hash)}`);
}

async function loadList() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (v) params.set(k, v);
  const list = $("#list");
  try {
    const res = await fetch(`/api/conversations?${params}`);
    if (res.status === 401) return toLogin();
    const runs = await res.json();
    list.replaceChildren();
    if (!runs.length) list.append(el("p", { class: "muted", style: "padding: 0 14px" }, "No conversations match."));
    for (const r of runs) {
      list.append(el("a", { class: "run", href: `#${encodeURIComponent(r.runId)}`, "data-run": r.runId },
        el("div", { class: "q" }, r.question || "(no question)"),
        el("div", { class: "meta" }, badge(r.status), badge(r.channel || "?"),
          whenEl(r.startedAt), ` · ${r.routing || "–"} · ${r.agents.join(", ")}`, feedbackBadge(r.feedback)),
        el("div", { class: "meta" }, `${ms(r.durationMs)} · ${num(r.totalTokens)} tokens · ${usd(r.costUsd)} · quality ${Number(r.quality).toFixed(2)}`)));
    }
    markSelected();
  } catch (e) {
    list.replaceChildren(el("p", { class: "muted" }, `Could not load conversations: ${e}`));
  }
}

function markSelected() {
  const id = decodeURIComponent(location.hash.slice(1));
  document.querySelectorAll(".run").forEach((a) => a.classList.toggle("selected", a.dataset.run === id));
}

async function loadDetail() {
  markSelected();
  const id = decodeURIComponent(location.hash.slice(1));
  const detail = $("#detail");
  if (!id) return;
  const res = await fetch(`/api/conversations/${encodeURIComponent(id)}`);
  if (res.status === 401) return toLogin();
  if (!res.ok) {
    detail.replaceChildren(el("p", { class: "muted" }, `Conversation ${id} not found.`));
    return;
  }
  const { conversation, metadata, view } = await res.json();
  detail.replaceChildren(render(conversation.conversation, metadata, view || {}));
}

function render(c, metadata, view) {
  const m = c.metadata, s = c.conversation_summary;
  const root = el("article", { "data-run": m.run_id });
  root.append(
    el("h2", {}, m.question || "(no question)"),
    el("div", { class: "meta" }, badge(m.status), badge(m.channel || "?"),
      `run ${m.run_id} · ${m.requester || "–"} · session ${m.session_id || "–"} · `, whenEl(m.started_at)),
    el("div", { class: "meta" },
      `${ms(s.total_duration_ms)} · ${num(s.tokens.input)} in / ${num(s.tokens.output)} out tokens`,
      ` (cache ${num(s.tokens.cache_read)} read, ${num(s.tokens.cache_write)} written) · est. ${usd(s.estimated_cost_usd)}`,
      s.all_models_priced ? "" : " (some models unpriced)",
      ` · quality ${Number(metadata.quality.score).toFixed(2)}`));
  if (c.router) {
    const r = c.router;
    root.append(el("p", { class: "router" }, el("strong", {}, "Router: "), r.decision,
      r.agents.length ? ` to ${r.agents.join(", ")}` : "",
      ` (${r.tier}`, r.confidence === null ? "" : `, confidence ${Number(r.confidence).toFixed(2)}`,
      r.margin === null ? "" : `, margin ${Number(r.margin).toFixed(2)}`, `, ${ms(r.duration_ms)})`,
      r.reason ? ` — ${r.reason}` : ""));
  }
  if (c.routing) {
    root.append(el("p", {}, el("strong", {}, "Routing: "), c.routing.decision,
      c.routing.agents.length ? ` to ${c.routing.agents.join(", ")}` : "",
      c.routing.reason ? ` — ${c.routing.reason}` : ""));
  }
  if (m.failure) root.append(el("p", { class: "status-failed" }, `Failed: ${m.failure.kind}: ${m.failure.message}`));
  // What a RevOps lead reads first: the answer, where its figures came from, what people said about it.
  if (c.final_answer) {
    const answer = el("div", { class: "answer", "data-testid": "answer" });
    // Rendered and sanitised by the server: raw HTML escaped, only http(s)/mailto links, no images.
    if (view.answer_html) answer.innerHTML = view.answer_html;
    else answer.append(el("div", { class: "plain" }, c.final_answer.text));
    root.append(el("h3", {}, `Answer (${c.final_answer.author}, ${c.final_answer.routing}) · `, whenEl(c.final_answer.at)),
      answer);
  }
  root.append(el("h3", {}, "Figures"), groundingView(c.grounding));
  root.append(el("h3", {}, "Feedback"), feedbackView(metadata.feedback));

  root.append(el("h3", {}, "Timeline"), gantt(c, m));
  root.append(el("h3", {}, "Agents and tools"));
  for (const step of c.agent_flow) root.append(stepCard(step));
  root.append(el("h3", {}, "Who asked whom"), conversationTable(c.timeline, m.started_at));

  const findings = metadata.validation.findings;
  root.append(el("h3", {}, "Quality"),
    el("p", { class: "meta" }, Object.entries(metadata.quality.components)
      .map(([k, v]) => `${k.replaceAll("_", " ")} ${Number(v).toFixed(2)}`).join(" · ")),
    findings.length
      ? el("ul", { class: "findings" }, findings.map((f) => el("li", {}, `[${f.rule}] ${f.message}`)))
      : el("p", { class: "meta" }, "Validation: no findings."));
  return root;
}

function gantt(c, m) {
  const start = Date.parse(m.started_at || (c.timeline[0] && c.timeline[0].at));
  const end = Date.parse(m.ended_at || (c.timeline.length ? c.timeline[c.timeline.length - 1].at : m.started_at));
  const span = Math.max(1, end - start);
  const pos = (from, to) => {
    const a = Math.max(0, Date.parse(from) - start), b = Math.max(a, Date.parse(to || from) - start);
    return `left:${(100 * a / span).toFixed(2)}%;width:${Math.max(0.5, 100 * (b - a) / span).toFixed(2)}%`;
  };
  const box = el("div", { class: "gantt", "data-testid": "gantt" });
  for (const step of c.agent_flow) {
    const bad = step.outcome && step.outcome !== "completed";
    box.append(el("div", { class: "lane" },
      el("div", { class: "label" }, step.agent, " ", el("span", { class: "muted" }, ms(step.duration_ms))),
      el("div", { class: "track" }, el("div", { class: `bar${bad ? " bad" : ""}`, style: pos(step.started_at, step.finished_at),
        title: `${step.agent}: ${step.outcome || "?"}, ${ms(step.duration_ms)}` }, step.agent))));
    for (const t of step.tool_executions) {
      box.append(el("div", { class: "lane" },
        el("div", { class: "label" }, `  ⚙ ${t.tool} `, el("span", { class: "muted" }, ms(t.duration_ms))),
        el("div", { class: "track" }, el("div", { class: `bar tool${t.status !== "ok" ? " bad" : ""}`,
          style: pos(t.started_at, t.finished_at), title: `${t.tool}: ${t.status}, ${ms(t.duration_ms)}` }, t.tool))));
    }
  }
  return box;
}

function stepCard(step) {
  const card = el("section", { class: "step", "data-agent": step.agent },
    el("div", {}, el("strong", {}, `${step.step}. ${step.agent}`), " ", badge(step.outcome || "unfinished"),
      el("span", { class: "meta" }, ` ${ms(step.duration_ms)} · ${step.model_calls.length} model calls · `,
        `${num(step.tokens.input)} in / ${num(step.tokens.output)} out tokens · ${usd(step.cost_usd)}`,
        step.requested_by ? ` · asked by ${step.requested_by}` : "")),
    step.model_calls.length ? el("div", { class: "meta" }, `model ${[...new Set(step.model_calls.map((x) => x.model_id))].join(", ")}`) : null,
    step.input ? [el("div", { class: "meta" }, "Input"), el("pre", {}, step.input)] : null);
  for (const t of step.tool_executions) {
    card.append(el("div", { class: "tool-run", "data-tool": t.tool },
      el("div", {}, el("strong", {}, `⚙ ${t.tool}`), " ", badge(t.status), el("span", { class: "meta" }, ` ${ms(t.duration_ms)}`)),
      el("div", { class: "meta" }, "Arguments"), el("pre", {}, JSON.stringify(t.parameters, null, 2)),
      t.error ? [el("div", { class: "meta" }, "Error"), el("pre", { class: "status-error" }, t.error)] : null,
      t.result_preview ? [el("div", { class: "meta" }, "Result"), resultView(t.result_preview)] : null,
      Object.keys(t.facts).length ? [el("div", { class: "meta" }, "Facts"), el("pre", {}, JSON.stringify(t.facts, null, 2))] : null));
  }
  for (const k of step.knowledge_references) {
    card.append(el("div", { class: "meta", "data-knowledge": k.document }, `📄 ${k.document} › ${k.section || "–"} (${Number(k.score).toFixed(2)})`));
  }
  if (step.output || step.error) {
    card.append(el("div", { class: "meta" }, step.output ? "Output" : "Error"), el("pre", {}, step.output || step.error));
  }
  return card;
}

function conversationTable(timeline, startedAt) {
  const start = Date.parse(startedAt || (timeline[0] && timeline[0].at));
  return el("table", { class: "timeline" },
    el("thead", {}, el("tr", {}, el("th", {}, "at"), el("th", {}, "type"), el("th", {}, "from → to"), el("th", {}, "content"))),
    el("tbody", {}, timeline.map((e) => el("tr", {},
      el("td", { title: when(e.at) }, `+${((Date.parse(e.at) - start) / 1000).toFixed(3)} s`),
      el("td", {}, e.type.replaceAll("_", " ")),
      el("td", {}, e.tool ? `${e.from} ⚙ ${e.tool}` : `${e.from}${e.to ? " → " + e.to : ""}`),
      el("td", {}, (e.content || "").slice(0, 400))))));
}

// The grounding check's verdict on the answer: how many figures, which were traced and to what, which were not.
function groundingView(g) {
  if (!g) return el("p", { class: "meta", "data-testid": "grounding" }, "Not checked (grounding off, or no answer).");
  const box = el("div", { "data-testid": "grounding" },
    el("p", { class: "meta" }, `${g.figures} figures, ${g.traced} traced to data`,
      g.repaired ? " (after one repair turn)" : "", ` · policy ${g.policy}`));
  if (g.untraced.length) {
    box.append(el("p", { class: "untraced-note" }, "Not traced: ",
      g.untraced.map((f) => el("span", { class: "figure untraced" }, f)).flatMap((x, i) => i ? [", ", x] : [x])));
  }
  if (g.sources.length) {
    box.append(el("ul", { class: "sources" }, g.sources.map((s) => el("li", {},
      el("span", { class: "figure traced" }, s.figure), " ← ",
      s.tool ? `${s.tool} (call ${s.call_id})` : `${s.operation} of ${(s.operands || []).join(", ")}`))));
  }
  return box;
}

// A tool's result as a table when it is rows: {columns, rows} (run_sql), an array of objects, or an object holding
// one. Results are recorded as a bounded preview, so a cut-off {columns, rows} result shows the rows it kept.
function resultView(text) {
  const table = rowsOf(text);
  if (!table) return el("pre", {}, text);
  const cell = (v) => (v !== null && typeof v === "object") ? JSON.stringify(v) : (v === null ? "–" : String(v));
  return el("div", { class: "result-table" },
    el("table", { class: "rows", "data-testid": "result-rows" },
      el("thead", {}, el("tr", {}, table.columns.map((c) => el("th", {}, c)))),
      el("tbody", {}, table.rows.map((r) => el("tr", {}, r.map((v) => el("td", {}, cell(v))))))),
    table.partial ? el("div", { class: "meta" }, `first ${table.rows.length} rows of a preview cut short`) : null);
}

function rowsOf(text) {
  let value = parseJson(text), partial = false;
  if (value === undefined && /^\s*\{\s*"columns"/.test(text)) {
    // Close the JSON after the last complete row.
    for (let i = text.lastIndexOf("]"); i > 0 && value === undefined; i = text.lastIndexOf("]", i - 1)) {
      value = parseJson(text.slice(0, i + 1) + "]}");
    }
    partial = value !== undefined;
  }
  if (value === undefined || value === null) return null;
  if (Array.isArray(value.columns) && Array.isArray(value.rows) && value.rows.every(Array.isArray)) {
    return { columns: value.columns.map((c) => (c && c.name) || String(c)), rows: value.rows, partial: partial || value.truncated === true };
  }
  const objects = Array.isArray(value) ? value
    : Object.values(value).find((v) => Array.isArray(v) && v.length && v.every(isPlainObject));
  if (!Array.isArray(objects) || !objects.length || !objects.every(isPlainObject)) return null;
  const columns = [...new Set(objects.flatMap(Object.keys))];
  return { columns, rows: objects.map((o) => columns.map((k) => o[k] === undefined ? null : o[k])), partial };
}

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function parseJson(text) {
  try { return JSON.parse(text); } catch (e) { return undefined; }
}

// ---- Feedback (Slack's feedback buttons): a run summary carries `feedback` ("positive"/"negative" or null); one
// run's metadata carries `feedback` as {value, user, at}, merged in by the conversation store. The latest click wins.
function feedbackBadge(value) {
  if (!value) return null;
  const negative = value === "negative";
  return el("span", { class: `badge feedback-${negative ? "negative" : "positive"}` }, negative ? "👎" : "👍");
}

function feedbackView(f) {
  if (!f || !f.value) return el("p", { class: "meta", "data-testid": "feedback" }, "No feedback.");
  return el("ul", { class: "feedback", "data-testid": "feedback" }, el("li", {},
    el("span", { class: `badge feedback-${f.value}` }, f.value === "negative" ? "👎 negative" : `👍 ${f.value}`),
    f.user ? ` ${f.user}` : "", f.at ? [" · ", whenEl(f.at)] : ""));
}

$("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadList(); });
window.addEventListener("hashchange", loadDetail);
loadList().then(loadDetail);
