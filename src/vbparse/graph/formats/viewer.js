// The citation graph viewer of `vbparse graph --format html`: a force-directed drawing in
// SVG, a search box and a details panel.  No library and nothing fetched: the page must
// work from file:// with no network.  Document text only ever reaches the page through
// textContent and setAttribute, never as markup.
//
// Deep links: #q=TEXT fills the search box, #select=ID clicks that node (the address bar
// follows the selection, so a view can be shared).
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const IDEAL_LENGTH = 80; // edge length the layout aims for, in drawing units
  const GRAVITY = 0.8; // pull towards the centre, per unit of distance
  const THETA = 1.0; // Barnes-Hut: a square whose side is under THETA × its distance is one mass
  const MANY_NODES = 250; // past this, labels show only for searched or selected nodes
  const MAX_RESULTS = 50;

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const colors = data.relation_colors;
  const indexOf = new Map(nodes.map((node, i) => [node.id, i]));
  const outgoing = nodes.map(() => []);
  const incoming = nodes.map(() => []);
  const links = edges.map((edge, k) => {
    const s = indexOf.get(edge.source);
    const t = indexOf.get(edge.target);
    outgoing[s].push(k);
    incoming[t].push(k);
    return [s, t];
  });

  const svg = document.getElementById("graph");
  const searchBox = document.getElementById("search");
  const searchCount = document.getElementById("search-count");
  const results = document.getElementById("results");
  const details = document.getElementById("details");

  // ------------------------------------------------------------------------- search

  // Accent-insensitive: "Quyet dinh" finds "Quyết định", "dang uy" finds "Đảng ủy".
  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
  }

  // Punctuation-insensitive too, for numbers: "4162 vpcp" finds "4162/VPCP-TKBT".
  function compact(folded) {
    return folded.replace(/[^a-z0-9]/g, "");
  }

  const haystacks = nodes.map((node) => {
    const fields = [node.label, node.number, node.doc_type, node.subject, node.issuer];
    const folded = fold(fields.join(" "));
    return { folded: folded, compact: compact(folded) };
  });

  function matching(query) {
    const folded = fold(query).trim();
    if (!folded) return null;
    const short = compact(folded);
    const found = [];
    haystacks.forEach((hay, i) => {
      if (hay.folded.includes(folded) || (short && hay.compact.includes(short))) found.push(i);
    });
    return found;
  }

  // ------------------------------------------------------------------------- layout

  // Fruchterman-Reingold: every two nodes repel (K²/d), edges pull (d²/K), and a gravity
  // towards the centre, linear in distance, holds the repulsion at an even density (a node
  // every sqrt(π/GRAVITY) edge lengths), so the parts of a disconnected corpus stay
  // together; a cooling bound on each move settles it.  Repulsion goes through a
  // Barnes-Hut quadtree, where a far group of nodes acts as one mass at its centre: a step
  // costs n·log n, not n².  Deterministic: the start is a sunflower spiral in graph order,
  // so a page always draws the same picture.
  function layout(count) {
    const x = new Float64Array(count);
    const y = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const radius = IDEAL_LENGTH * Math.sqrt(i + 0.5);
      const angle = i * 2.399963; // the golden angle
      x[i] = radius * Math.cos(angle);
      y[i] = radius * Math.sin(angle);
    }
    const steps = count > 2000 ? 150 : 300;
    const dx = new Float64Array(count);
    const dy = new Float64Array(count);
    for (let step = 0; step < steps; step++) {
      dx.fill(0);
      dy.fill(0);
      const tree = quadtree(x, y);
      for (let i = 0; i < count; i++) repel(tree, i, x, y, dx, dy);
      for (const [s, t] of links) {
        const ex = x[t] - x[s];
        const ey = y[t] - y[s];
        const pull = Math.hypot(ex, ey) / IDEAL_LENGTH;
        dx[s] += ex * pull;
        dy[s] += ey * pull;
        dx[t] -= ex * pull;
        dy[t] -= ey * pull;
      }
      const bound = IDEAL_LENGTH * 2 * (1 - step / steps) + 1;
      for (let i = 0; i < count; i++) {
        const fx = dx[i] - x[i] * GRAVITY;
        const fy = dy[i] - y[i] * GRAVITY;
        const length = Math.hypot(fx, fy);
        if (length > 0) {
          const move = Math.min(length, bound) / length;
          x[i] += fx * move;
          y[i] += fy * move;
        }
      }
    }
    return { x: x, y: y };
  }

  // A square of the quadtree: centre, half side, how many nodes and the sums of their
  // coordinates; a leaf holds one node (or several on one spot), others four sub-squares.
  function square(cx, cy, half) {
    return { cx: cx, cy: cy, half: half, mass: 0, sx: 0, sy: 0, node: -1, children: null };
  }

  function quadtree(x, y) {
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < x.length; i++) {
      left = Math.min(left, x[i]);
      right = Math.max(right, x[i]);
      top = Math.min(top, y[i]);
      bottom = Math.max(bottom, y[i]);
    }
    const half = Math.max(right - left, bottom - top) / 2 + 1;
    const root = square((left + right) / 2, (top + bottom) / 2, half);
    for (let i = 0; i < x.length; i++) insert(root, i, x, y);
    return root;
  }

  function insert(cell, i, x, y) {
    for (;;) {
      cell.mass += 1;
      cell.sx += x[i];
      cell.sy += y[i];
      if (cell.children === null) {
        if (cell.mass === 1) {
          cell.node = i;
          return;
        }
        if (cell.half < 0.01) return; // nodes on one spot share the leaf
        cell.children = [null, null, null, null];
        const resident = cell.node;
        cell.node = -1;
        const below = subSquare(cell, x[resident], y[resident]);
        below.mass = 1;
        below.sx = x[resident];
        below.sy = y[resident];
        below.node = resident;
      }
      cell = subSquare(cell, x[i], y[i]);
    }
  }

  function subSquare(cell, px, py) {
    const q = (px >= cell.cx ? 1 : 0) + (py >= cell.cy ? 2 : 0);
    if (cell.children[q] === null) {
      const half = cell.half / 2;
      const cx = cell.cx + (q & 1 ? half : -half);
      const cy = cell.cy + (q & 2 ? half : -half);
      cell.children[q] = square(cx, cy, half);
    }
    return cell.children[q];
  }

  function repel(cell, i, x, y, dx, dy) {
    let mass = cell.mass;
    let sx = cell.sx;
    let sy = cell.sy;
    if (cell.children === null && cell.node === i) {
      mass -= 1; // a node does not repel itself
      sx -= x[i];
      sy -= y[i];
    }
    if (mass === 0) return;
    let ex = x[i] - sx / mass;
    let ey = y[i] - sy / mass;
    let distance2 = ex * ex + ey * ey;
    const side = cell.half * 2;
    if (cell.children !== null && side * side >= THETA * THETA * distance2) {
      for (const child of cell.children) if (child !== null) repel(child, i, x, y, dx, dy);
      return;
    }
    if (distance2 < 0.0001) {
      // Nodes on one spot: part them along a direction fixed by the index.
      ex = Math.cos(i);
      ey = Math.sin(i);
      distance2 = 1;
    }
    const force = (IDEAL_LENGTH * IDEAL_LENGTH * mass) / distance2;
    dx[i] += ex * force;
    dy[i] += ey * force;
  }

  // ------------------------------------------------------------------------- drawing

  function svgElement(name, attributes) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes || {})) {
      element.setAttribute(key, String(value));
    }
    return element;
  }

  function relationCaption(edge) {
    return edge.relation + (edge.count > 1 ? " ×" + edge.count : "");
  }

  function radiusOf(i) {
    return 5 + 2 * Math.sqrt(incoming[i].length);
  }

  function drawMarkers() {
    const defs = svgElement("defs");
    for (const [relation, color] of Object.entries(colors)) {
      const marker = svgElement("marker", {
        id: "arrow-" + relation,
        viewBox: "0 0 10 10",
        refX: 10,
        refY: 5,
        markerWidth: 6,
        markerHeight: 6,
        orient: "auto",
      });
      marker.appendChild(svgElement("path", { d: "M0,0L10,5L0,10z", fill: color }));
      defs.appendChild(marker);
    }
    svg.appendChild(defs);
  }

  // Each edge a line from its source to the rim of its target, under the nodes.
  function drawEdges(position, group) {
    return edges.map((edge, k) => {
      const [s, t] = links[k];
      const ex = position.x[t] - position.x[s];
      const ey = position.y[t] - position.y[s];
      const length = Math.hypot(ex, ey) || 1;
      const stop = Math.max(0, length - radiusOf(t) - 2) / length; // arrow tip at the rim
      const line = svgElement("line", {
        class: "edge",
        x1: position.x[s].toFixed(1),
        y1: position.y[s].toFixed(1),
        x2: (position.x[s] + ex * stop).toFixed(1),
        y2: (position.y[s] + ey * stop).toFixed(1),
        stroke: colors[edge.relation] || "#888",
        "marker-end": "url(#arrow-" + edge.relation + ")",
      });
      const tip = svgElement("title");
      tip.textContent = relationCaption(edge) + ": " + edge.text;
      line.appendChild(tip);
      group.appendChild(line);
      return line;
    });
  }

  function drawNodes(position, group) {
    return nodes.map((node, i) => {
      const element = svgElement("g", {
        class: node.stub ? "node stub" : "node",
        "data-id": node.id,
        transform: "translate(" + position.x[i].toFixed(1) + "," + position.y[i].toFixed(1) + ")",
        tabindex: 0,
        role: "button",
        "aria-label": node.label + (node.subject ? ": " + node.subject : ""),
      });
      element.appendChild(svgElement("circle", { r: radiusOf(i).toFixed(1) }));
      const text = svgElement("text", { x: radiusOf(i) + 3, y: 4 });
      text.textContent = node.label;
      element.appendChild(text);
      const tip = svgElement("title");
      const about = [node.label, node.date, node.subject || node.issuer];
      tip.textContent = about.filter(Boolean).join("\n");
      element.appendChild(tip);
      element.addEventListener("click", (event) => {
        event.stopPropagation();
        select(i, false);
      });
      element.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(i, false);
        }
      });
      group.appendChild(element);
      return element;
    });
  }

  function drawLegend() {
    const legend = document.getElementById("legend");
    const entry = (className, color, text) => {
      const span = document.createElement("span");
      const mark = document.createElement("i");
      mark.className = className;
      if (color) mark.style.background = color;
      span.appendChild(mark);
      span.appendChild(document.createTextNode(text));
      legend.appendChild(span);
    };
    entry("work", null, "in the corpus");
    entry("stub", null, "cited, not in the corpus");
    const used = new Set(edges.map((edge) => edge.relation));
    for (const [relation, color] of Object.entries(colors)) {
      if (used.has(relation)) entry("line", color, relation);
    }
  }

  // ------------------------------------------------------------------------- view

  const view = { x: 0, y: 0, width: 100, height: 100 };

  function applyView() {
    const box = [view.x, view.y, view.width, view.height];
    svg.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
  }

  function fit(position) {
    if (!nodes.length) return;
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < nodes.length; i++) {
      left = Math.min(left, position.x[i]);
      right = Math.max(right, position.x[i]);
      top = Math.min(top, position.y[i]);
      bottom = Math.max(bottom, position.y[i]);
    }
    const margin = IDEAL_LENGTH;
    right += 100; // labels run to the right
    // No closer than a few edge lengths: one node alone must not fill the screen.
    view.width = Math.max(right - left + margin * 2, IDEAL_LENGTH * 8);
    view.height = Math.max(bottom - top + margin * 2, IDEAL_LENGTH * 5);
    view.x = (left + right) / 2 - view.width / 2;
    view.y = (top + bottom) / 2 - view.height / 2;
    applyView();
  }

  // Centre on one node, zooming in if the view is wider than a neighbourhood.
  function focusOn(position, i) {
    const scale = Math.min(1, (IDEAL_LENGTH * 16) / view.width);
    view.width *= scale;
    view.height *= scale;
    view.x = position.x[i] - view.width / 2;
    view.y = position.y[i] - view.height / 2;
    applyView();
  }

  function toDrawing(clientX, clientY) {
    const point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function enablePanAndZoom() {
    svg.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const factor = Math.exp(event.deltaY * 0.0015);
        const at = toDrawing(event.clientX, event.clientY);
        view.x = at.x - (at.x - view.x) * factor;
        view.y = at.y - (at.y - view.y) * factor;
        view.width *= factor;
        view.height *= factor;
        applyView();
      },
      { passive: false }
    );
    let drag = null;
    svg.addEventListener("pointerdown", (event) => {
      if (event.target.closest(".node")) return;
      drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view), moved: false };
      svg.setPointerCapture(event.pointerId);
      svg.classList.add("panning");
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const scale = svg.getScreenCTM().a; // screen pixels per drawing unit
      const mx = event.clientX - drag.x;
      const my = event.clientY - drag.y;
      drag.moved = drag.moved || Math.abs(mx) + Math.abs(my) > 3;
      view.x = drag.view.x - mx / scale;
      view.y = drag.view.y - my / scale;
      applyView();
    });
    svg.addEventListener("pointerup", () => {
      if (drag && !drag.moved) clearSelection();
      drag = null;
      svg.classList.remove("panning");
    });
  }

  // ------------------------------------------------------------------------- panel

  function nodeLink(i) {
    const link = document.createElement("a");
    link.className = "node-link";
    link.textContent = nodes[i].label;
    link.href = "#select=" + encodeURIComponent(nodes[i].id);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      select(i, true);
    });
    return link;
  }

  function relationBadge(edge) {
    const badge = document.createElement("span");
    badge.className = "relation";
    badge.style.background = colors[edge.relation] || "#888";
    badge.textContent = relationCaption(edge);
    return badge;
  }

  function citationList(title, edgeNumbers, otherEnd) {
    const heading = document.createElement("h3");
    heading.textContent = title + " (" + edgeNumbers.length + ")";
    const list = document.createElement("ul");
    const sorted = edgeNumbers.slice().sort((a, b) => otherEnd(a) - otherEnd(b));
    for (const k of sorted) {
      const edge = edges[k];
      const item = document.createElement("li");
      item.appendChild(nodeLink(otherEnd(k)));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(relationBadge(edge));
      const quote = document.createElement("q");
      quote.textContent = edge.text + (edge.date ? " (" + edge.date + ")" : "");
      item.appendChild(quote);
      list.appendChild(item);
    }
    return [heading, list];
  }

  function showDetails(i) {
    const node = nodes[i];
    details.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = node.label;
    const kind = document.createElement("p");
    kind.className = "kind";
    kind.textContent = node.stub
      ? "Cited, not in the corpus (stub): what its first citation says"
      : "Document in the corpus";
    const fields = document.createElement("dl");
    const copies = (node.copies || []).map((copy) => copy.path + " #" + copy.index).join("; ");
    const rows = [
      ["Number · Số, ký hiệu", node.number],
      ["Type · Loại văn bản", node.doc_type],
      ["Date · Ngày", node.date],
      ["Issuer · Cơ quan ban hành", node.issuer],
      ["Subject · Trích yếu", node.subject],
      ["Place · Nơi ban hành", node.place],
      ["Signer · Người ký", node.signer],
      ["File · Tệp", node.path === null ? null : node.path + " #" + node.index],
      ["Copies · Bản sao", copies],
      ["Record id", node.stub ? null : node.id],
      ["Work id", node.work_id],
    ];
    for (const [name, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      const term = document.createElement("dt");
      term.textContent = name;
      const description = document.createElement("dd");
      description.textContent = value;
      fields.append(term, description);
    }
    details.append(title, kind, fields);
    const citing = (k) => links[k][0];
    const cited = (k) => links[k][1];
    details.append(...citationList("Cited by · Được dẫn bởi", incoming[i], citing));
    details.append(...citationList("Cites · Dẫn chiếu", outgoing[i], cited));
  }

  // ------------------------------------------------------------------------- state

  let position = null;
  let nodeElements = [];
  let edgeElements = [];
  let selected = null;
  let matches = [];

  function setHash(params) {
    const text = params.toString();
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (error) {
      // Some browsers refuse replaceState on file:// pages; the link is a nicety.
    }
  }

  function hashParams() {
    return new URLSearchParams(location.hash.replace(/^#/, ""));
  }

  function clearSelection() {
    if (selected === null) return;
    selected = null;
    svg.classList.remove("focus");
    for (const element of svg.querySelectorAll(".near, .selected")) {
      element.classList.remove("near", "selected");
    }
    const params = hashParams();
    params.delete("select");
    setHash(params);
  }

  function select(i, recenter) {
    clearSelection();
    selected = i;
    svg.classList.add("focus");
    nodeElements[i].classList.add("selected", "near");
    for (const k of outgoing[i].concat(incoming[i])) {
      edgeElements[k].classList.add("near");
      for (const end of links[k]) nodeElements[end].classList.add("near");
    }
    if (recenter) focusOn(position, i);
    showDetails(i);
    const params = hashParams();
    params.set("select", nodes[i].id);
    setHash(params);
  }

  function applySearch(query) {
    for (const i of matches) nodeElements[i].classList.remove("match");
    const found = matching(query);
    matches = found || [];
    for (const i of matches) nodeElements[i].classList.add("match");
    svg.classList.toggle("searching", found !== null);
    const noun = matches.length === 1 ? " match" : " matches";
    searchCount.textContent = found === null ? "" : matches.length + noun;
    results.replaceChildren();
    for (const i of matches.slice(0, MAX_RESULTS)) {
      const item = document.createElement("li");
      item.appendChild(nodeLink(i));
      const about = nodes[i].subject || nodes[i].issuer;
      if (about) item.appendChild(document.createTextNode(" " + about));
      results.appendChild(item);
    }
  }

  function start() {
    if (!nodes.length) {
      details.textContent = "No documents: the inputs held no records.";
      return;
    }
    position = layout(nodes.length);
    svg.classList.toggle("many", nodes.length > MANY_NODES);
    drawMarkers();
    const edgeGroup = svg.appendChild(svgElement("g", { class: "edges" }));
    const nodeGroup = svg.appendChild(svgElement("g", { class: "nodes" }));
    edgeElements = drawEdges(position, edgeGroup);
    nodeElements = drawNodes(position, nodeGroup);
    drawLegend();
    fit(position);
    enablePanAndZoom();
    document.getElementById("fit").addEventListener("click", () => fit(position));
    searchBox.addEventListener("input", () => applySearch(searchBox.value));
    searchBox.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && matches.length) select(matches[0], true);
    });
    const params = hashParams();
    if (params.has("q")) {
      searchBox.value = params.get("q");
      applySearch(searchBox.value);
    }
    const wanted = indexOf.get(params.get("select"));
    if (wanted !== undefined) {
      // A real click, so that a deep link and a user take the same path.
      nodeElements[wanted].dispatchEvent(new MouseEvent("click", { bubbles: true }));
      focusOn(position, wanted);
    }
  }

  start();
})();
