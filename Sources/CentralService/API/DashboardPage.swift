/// The French dashboard: one self-contained page (inline CSS and JS, no CDN, no web fonts),
/// so it works on a central box with no internet. It reads `/api/v1/overview` and
/// `/api/v1/events?kind=review` every 10 s and builds the DOM with `textContent` only
/// (review texts come from customers: never inserted as HTML).
enum DashboardPage {
    static let bytes: [UInt8] = Array(html.utf8)

    static let html = #"""
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corridor — Expérience client des stations</title>
<style>
:root { --ok:#1a7f37; --mid:#57606a; --ko:#c62828; --bg:#f4f6f8; --card:#fff; --ink:#1f2328; --muted:#57606a; --line:#d0d7de; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; background:var(--bg); color:var(--ink); }
header { background:#0d2a4a; color:#fff; padding:14px 20px; display:flex; flex-wrap:wrap; gap:8px 24px; align-items:baseline; }
header h1 { font-size:1.35rem; margin:0; }
header .meta { font-size:.95rem; color:#dbe7f3; }
header .meta.err { color:#ffd7d5; font-weight:600; }
main { padding:16px 20px 32px; max-width:1400px; margin:0 auto; }
.summary { display:flex; flex-wrap:wrap; gap:12px; margin-bottom:16px; }
.summary .pill { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:8px 14px; }
.summary .pill strong { font-size:1.2rem; }
section.station { background:var(--card); border:1px solid var(--line); border-radius:10px; margin-bottom:20px; padding:14px 16px 16px; }
.station-head { display:flex; flex-wrap:wrap; gap:6px 16px; align-items:center; margin-bottom:10px; }
.station-head h2 { margin:0; font-size:1.2rem; }
.status { border-radius:999px; padding:2px 10px; font-size:.85rem; font-weight:600; border:1px solid; }
.status.online { color:#0f5323; background:#dafbe1; border-color:#4ac26b; }
.status.offline { color:#82071e; background:#ffebe9; border-color:#ff8182; }
.status.unknown { color:#424a53; background:#eaeef2; border-color:#afb8c1; }
.station-head .facts { color:var(--muted); font-size:.92rem; }
.alerts-list { margin:4px 0 10px; padding:0; list-style:none; }
.alerts-list li { background:#fff1f0; border-left:4px solid var(--ko); padding:4px 8px; margin:4px 0; font-size:.92rem; }
.tiles { display:grid; grid-template-columns:repeat(auto-fill, minmax(270px, 1fr)); gap:12px; }
article.tile { border:1px solid var(--line); border-radius:8px; padding:10px 12px; background:#fbfcfd; }
article.tile.empty { color:var(--muted); }
.tile h3 { font-size:1.02rem; margin:0 0 6px; display:flex; justify-content:space-between; align-items:center; gap:8px; }
.badge { background:var(--ko); color:#fff; border-radius:999px; padding:1px 9px; font-size:.8rem; font-weight:700; white-space:nowrap; }
.bar { display:flex; height:14px; border-radius:4px; overflow:hidden; background:#eaeef2; margin:6px 0 4px; }
.bar span { display:block; height:100%; }
.s-ok { background:var(--ok); } .s-mid { background:#8c959f; } .s-ko { background:var(--ko); }
.legend { display:flex; flex-wrap:wrap; gap:2px 12px; font-size:.9rem; }
.legend .dot { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:4px; vertical-align:baseline; }
.figures { display:flex; flex-wrap:wrap; gap:2px 16px; margin:6px 0; font-size:.95rem; }
.figures b { font-size:1.05rem; }
.neg { font-size:.9rem; margin:4px 0; }
.neg .tag { display:inline-block; background:#ffebe9; color:#82071e; border-radius:4px; padding:0 6px; margin:2px 4px 0 0; }
.tile .alerts-list li { font-size:.85rem; }
svg.trend { width:100%; height:54px; display:block; margin-top:6px; }
.trend-caption { font-size:.78rem; color:var(--muted); display:flex; justify-content:space-between; }
h2.section { font-size:1.15rem; margin:26px 0 10px; }
ol.reviews { list-style:none; padding:0; margin:0; display:grid; gap:8px; }
ol.reviews li { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:8px 12px; }
.review-head { display:flex; flex-wrap:wrap; gap:4px 12px; font-size:.88rem; color:var(--muted); align-items:center; }
.chip { border-radius:999px; padding:0 9px; font-weight:700; font-size:.82rem; border:1px solid; }
.chip.satisfied { color:#0f5323; background:#dafbe1; border-color:#4ac26b; }
.chip.neutral { color:#424a53; background:#eaeef2; border-color:#afb8c1; }
.chip.unsatisfied { color:#82071e; background:#ffebe9; border-color:#ff8182; }
.review-text { margin:4px 0 2px; }
.evidence { font-size:.85rem; color:var(--muted); }
.evidence .w { display:inline-block; background:#fff8c5; color:#3b2e00; border-radius:4px; padding:0 5px; margin:0 4px 2px 0; }
.muted { color:var(--muted); }
@media (max-width:600px) { main { padding:10px; } header h1 { font-size:1.1rem; } }
</style>
</head>
<body>
<header>
  <h1>Corridor — Satisfaction client des stations</h1>
  <span class="meta" id="last-update" role="status" aria-live="polite">Chargement…</span>
</header>
<main>
  <div class="summary" id="summary" aria-label="Résumé"></div>
  <div id="stations" aria-label="Stations et pôles de service"></div>
  <h2 class="section" id="reviews-title">Derniers avis</h2>
  <ol class="reviews" id="reviews" aria-labelledby="reviews-title"></ol>
</main>
<script>
"use strict";
const LABELS = { satisfied: "Satisfait", neutral: "Neutre", unsatisfied: "Mécontent" };
const POLES = { fuel: "Carburant", shop: "Boutique & restauration", wash: "Lavage auto", gas: "Service gaz" };
const ASPECTS = { waiting: "Attente", staff: "Accueil", cleanliness: "Propreté", price: "Prix", availability: "Disponibilité",
  quality: "Qualité", safety: "Sécurité", fuel_measure: "Mesure carburant", wash_damage: "Dégâts lavage", gas_bottle: "Bouteille de gaz" };
const RULES = { unsatisfied_share: "Part de mécontents", wait_time: "Temps d'attente", station_silent: "Station silencieuse" };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
// Node.append turns null into the text "null": skip absent parts.
function add(parent, ...children) {
  for (const c of children) if (c !== null && c !== undefined) parent.append(c);
  return parent;
}
function svg(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}
const pct = (x) => x === null || x === undefined ? "—" : Math.round(x * 100) + "\u00a0%";
const num = (n) => (n === null || n === undefined) ? "—" : Number(n).toLocaleString("fr-FR");
const score = (s) => s === null || s === undefined ? "—" : (s > 0 ? "+" : "") + s.toFixed(2).replace(".", ",");
function ago(iso) {
  if (!iso) return "jamais";
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 90) return "il y a " + Math.round(s) + " s";
  if (s < 5400) return "il y a " + Math.round(s / 60) + " min";
  if (s < 172800) return "il y a " + Math.round(s / 3600) + " h";
  return "il y a " + Math.round(s / 86400) + " j";
}
function duration(sec) {
  if (sec === null || sec === undefined) return "—";
  if (sec < 90) return sec + " s";
  if (sec < 5400) return Math.round(sec / 60) + " min";
  return Math.round(sec / 3600) + " h";
}
const hhmm = (iso) => new Date(iso).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

function alertsList(alerts) {
  if (!alerts || !alerts.length) return null;
  return el("ul", { class: "alerts-list" }, ...alerts.map(a =>
    el("li", {}, a.message || ((RULES[a.rule] || a.rule) + " : " + a.value))));
}

function trendSVG(pole) {
  const t = pole.trend || [];
  const max = Math.max(1, ...t.map(b => b.total));
  const w = 240, h = 50, bw = w / 24;
  const total = t.reduce((a, b) => a + b.total, 0);
  const g = svg("svg", { class: "trend", viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: "none", role: "img",
    "aria-label": `Avis par heure sur 24 h pour ${POLES[pole.service]} : ${total} au total` });
  g.append(svg("line", { x1: 0, y1: h - 0.5, x2: w, y2: h - 0.5, stroke: "#d0d7de", "stroke-width": 1 }));
  t.forEach((b, i) => {
    let y = h;
    for (const [k, color] of [["satisfied", "#1a7f37"], ["neutral", "#8c959f"], ["unsatisfied", "#c62828"]]) {
      if (!b[k]) continue;
      const bh = b[k] / max * (h - 2);
      y -= bh;
      const r = svg("rect", { x: (i * bw + 0.8).toFixed(1), y: y.toFixed(1), width: (bw - 1.6).toFixed(1), height: bh.toFixed(1), fill: color });
      const tip = svg("title", {}); tip.textContent = `${hhmm(b.bucket_start)} : ${b[k]} ${LABELS[k].toLowerCase()}`;
      r.append(tip); g.append(r);
    }
  });
  return g;
}

function tile(station, p) {
  const empty = !p.total && !p.open_alerts && !p.transactions;
  const a = el("article", { class: "tile" + (empty ? " empty" : ""), "data-station": station, "data-service": p.service,
    "aria-label": `${station} — ${POLES[p.service]}` });
  a.append(el("h3", {}, el("span", {}, POLES[p.service] || p.service),
    p.open_alerts ? el("span", { class: "badge", title: "Alertes ouvertes" }, p.open_alerts + (p.open_alerts > 1 ? " alertes" : " alerte")) : null));
  if (!p.total) {
    a.append(el("p", { class: "muted" }, "Aucun avis sur 24 h"));
  } else {
    const bar = el("div", { class: "bar", role: "img",
      "aria-label": `Satisfaits ${pct(p.satisfied_share)}, neutres ${pct(p.neutral_share)}, mécontents ${pct(p.unsatisfied_share)}` });
    for (const [k, c] of [["satisfied", "s-ok"], ["neutral", "s-mid"], ["unsatisfied", "s-ko"]]) {
      const share = p[k + "_share"] || 0;
      if (share > 0) bar.append(el("span", { class: c, style: `width:${(share * 100).toFixed(2)}%` }));
    }
    a.append(bar);
    a.append(el("div", { class: "legend" },
      el("span", {}, el("span", { class: "dot s-ok" }), "Satisfait ", el("b", { class: "p-satisfied" }, pct(p.satisfied_share))),
      el("span", {}, el("span", { class: "dot s-mid" }), "Neutre ", el("b", { class: "p-neutral" }, pct(p.neutral_share))),
      el("span", {}, el("span", { class: "dot s-ko" }), "Mécontent ", el("b", { class: "p-unsatisfied" }, pct(p.unsatisfied_share)))));
  }
  a.append(el("div", { class: "figures" },
    el("span", {}, "Avis (24 h) : ", el("b", { class: "n-reviews" }, num(p.total))),
    el("span", {}, "Score : ", el("b", { class: "score" }, score(p.score_mean))),
    p.transactions ? el("span", {}, "Attente moy. : ", el("b", { class: "wait" }, duration(p.wait_mean_seconds === null ? null : Math.round(p.wait_mean_seconds)))) : null));
  if (p.top_negative_aspects && p.top_negative_aspects.length) {
    a.append(el("div", { class: "neg" }, "Points négatifs : ",
      ...p.top_negative_aspects.map(x => el("span", { class: "tag" }, (ASPECTS[x.aspect] || x.name || x.aspect) + " (" + x.count + ")"))));
  }
  add(a, alertsList(p.alerts), trendSVG(p));
  a.append(el("div", { class: "trend-caption", "aria-hidden": "true" }, el("span", {}, "−24 h"), el("span", {}, "maintenant")));
  return a;
}

function stationSection(s) {
  const status = s.status === "online" ? "online" : s.status === "offline" ? "offline" : "unknown";
  const statusText = { online: "En ligne", offline: "Hors ligne", unknown: "État inconnu" }[status];
  const facts = [];
  facts.push("Dernier contact : " + ago(s.last_seen));
  if (s.pending !== null && s.pending !== undefined) {
    facts.push("En attente d'envoi : " + num(s.pending) + (s.pending > 0 && s.oldest_pending_age_seconds ? " (plus ancien : " + duration(s.oldest_pending_age_seconds) + ")" : ""));
  }
  if (s.link) facts.push("Lien : " + s.link);
  if (s.version) facts.push("Version " + s.version);
  const sec = el("section", { class: "station", "data-station": s.station_id, "aria-labelledby": "st-" + s.station_id });
  sec.append(el("div", { class: "station-head" },
    el("h2", { id: "st-" + s.station_id }, "Station " + s.station_id),
    el("span", { class: "status " + status }, statusText),
    s.open_alerts ? el("span", { class: "badge" }, s.open_alerts + (s.open_alerts > 1 ? " alertes station" : " alerte station")) : null,
    el("span", { class: "facts" }, facts.join(" · "))));
  add(sec, alertsList(s.alerts));
  sec.append(el("div", { class: "tiles" }, ...s.poles.map(p => tile(s.station_id, p))));
  return sec;
}

function renderOverview(o) {
  const online = o.stations.filter(s => s.status === "online").length;
  const reviews = o.stations.reduce((a, s) => a + (s.reviews || 0), 0);
  document.getElementById("summary").replaceChildren(
    el("span", { class: "pill" }, "Stations en ligne : ", el("strong", { id: "sum-online" }, online + " / " + o.stations.length)),
    el("span", { class: "pill" }, "Avis sur 24 h : ", el("strong", { id: "sum-reviews" }, num(reviews))),
    el("span", { class: "pill" }, "Alertes ouvertes : ", el("strong", { id: "sum-alerts" }, num(o.open_alerts))));
  const box = document.getElementById("stations");
  box.replaceChildren(...(o.stations.length ? o.stations.map(stationSection) : [el("p", { class: "muted" }, "Aucune station n'a encore envoyé de données.")]));
}

function renderReviews(items) {
  const list = document.getElementById("reviews");
  if (!items.length) { list.replaceChildren(el("li", { class: "muted" }, "Aucun avis reçu.")); return; }
  list.replaceChildren(...items.map(r => {
    const label = r.label || "neutral";
    return el("li", { "data-id": r.id },
      el("div", { class: "review-head" },
        el("span", { class: "chip " + label }, LABELS[label] || label),
        el("span", {}, r.station_id + " · " + (POLES[r.service] || r.service || "—")),
        r.rating ? el("span", { "aria-label": r.rating + " étoiles sur 5" }, "★".repeat(r.rating) + "☆".repeat(5 - r.rating)) : null,
        el("span", {}, "score " + score(r.score)),
        el("time", { datetime: r.captured_at }, ago(r.captured_at))),
      r.text ? el("p", { class: "review-text" }, r.text) : null,
      (r.evidence && r.evidence.length) ? el("div", { class: "evidence" }, "Mots relevés : ", ...r.evidence.map(w => el("span", { class: "w" }, w))) : null);
  }));
}

async function getJSON(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(url + " → " + r.status);
  return r.json();
}

async function refresh() {
  const status = document.getElementById("last-update");
  try {
    const [o, ev] = await Promise.all([getJSON("/api/v1/overview"), getJSON("/api/v1/events?kind=review&limit=20")]);
    renderOverview(o);
    renderReviews(ev.items);
    status.className = "meta";
    status.textContent = "Mis à jour à " + new Date().toLocaleTimeString("fr-FR") + " · actualisation toutes les 10 s";
  } catch (e) {
    status.className = "meta err";
    status.textContent = "Connexion au serveur perdue (" + e.message + ") — nouvel essai dans 10 s";
  }
}
refresh();
setInterval(refresh, 10000);
</script>
</body>
</html>
"""#
}
