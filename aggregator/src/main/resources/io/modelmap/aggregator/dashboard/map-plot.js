// The model map drawn as SVG: one scale for both axes (distances on a PCA map mean the same in every
// direction), labels placed where they cover nothing, and models on the same spot spread on a small ring.
// Every point, label and the scale are DOM elements, so a browser test can read what a user sees.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const RADIUS = 6;
  const MARGIN = { left: 52, right: 16, top: 14, bottom: 40 };
  const LABEL_LIMIT = 30;      // beyond this many points labels show on hover only
  const SAME_SPOT_PX = RADIUS; // points closer than this on screen would hide each other
  const RING_PX = 9;
  const TICK_PX = 80;          // about one grid line per this many pixels
  const GAP = 3;
  // where a label may go, in order of preference: right, left, above, below, then the diagonals; next to
  // the point first, then further out (with a leader line) where a crowd leaves no room beside it
  const DIRECTIONS = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]];
  const CANDIDATES = [0, 14, 28, 42].flatMap(far => DIRECTIONS.map(([h, v]) => [h, v, far]));

  function node(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function niceStep(units) {
    const power = Math.pow(10, Math.floor(Math.log10(units)));
    const f = units / power;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
  }

  function tickText(value, step) {
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    return (Math.abs(value) < step / 2 ? 0 : value).toFixed(decimals);
  }

  // One pixels-per-unit for both axes, the largest at which every point fits, centred on the points.
  function equalScale(points, plot) {
    const xs = points.map(p => p.x);
    const ys = points.map(p => p.y);
    const spanX = Math.max(...xs) - Math.min(...xs) || 1;
    const spanY = Math.max(...ys) - Math.min(...ys) || 1;
    const perUnit = 0.9 * Math.min(plot.width / spanX, plot.height / spanY);
    const centreX = (Math.max(...xs) + Math.min(...xs)) / 2;
    const centreY = (Math.max(...ys) + Math.min(...ys)) / 2;
    const midX = plot.left + plot.width / 2;
    const midY = plot.top + plot.height / 2;
    return {
      perUnit,
      px: x => midX + (x - centreX) * perUnit,
      py: y => midY - (y - centreY) * perUnit,
      x: px => centreX + (px - midX) / perUnit,
      y: py => centreY - (py - midY) / perUnit,
    };
  }

  function drawAxes(svg, plot, scale, titles) {
    const step = niceStep(TICK_PX / scale.perUnit);
    const axes = node('g', { class: 'axes' }, svg);
    const right = plot.left + plot.width;
    const bottom = plot.top + plot.height;
    for (let v = Math.ceil(scale.x(plot.left) / step) * step; scale.px(v) <= right; v += step) {
      const x = scale.px(v);
      node('line', { x1: x, x2: x, y1: plot.top, y2: bottom, class: 'grid' }, axes);
      node('text', { x, y: bottom + 14, 'text-anchor': 'middle', class: 'tick' }, axes).textContent = tickText(v, step);
    }
    for (let v = Math.ceil(scale.y(bottom) / step) * step; scale.py(v) >= plot.top; v += step) {
      const y = scale.py(v);
      node('line', { x1: plot.left, x2: right, y1: y, y2: y, class: 'grid' }, axes);
      node('text', { x: plot.left - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' }, axes).textContent = tickText(v, step);
    }
    node('rect', { x: plot.left, y: plot.top, width: plot.width, height: plot.height, class: 'frame' }, axes);
    node('text', { x: plot.left + plot.width / 2, y: bottom + 32, 'text-anchor': 'middle', class: 'axis-title' }, axes)
      .textContent = titles[0];
    node('text', { x: 14, y: plot.top + plot.height / 2, 'text-anchor': 'middle', class: 'axis-title',
      transform: `rotate(-90 14 ${plot.top + plot.height / 2})` }, axes).textContent = titles[1];
  }

  // Points within SAME_SPOT_PX of a group's first point join it; ids in order, so the layout is deterministic.
  function sameSpotGroups(placed) {
    const groups = [];
    for (const p of [...placed].sort((a, b) => a.model.modelId < b.model.modelId ? -1 : 1)) {
      const group = groups.find(g => Math.hypot(g[0].ax - p.ax, g[0].ay - p.ay) < SAME_SPOT_PX);
      if (group) group.push(p); else groups.push([p]);
    }
    for (const group of groups) {
      group.forEach((p, i) => {
        const angle = -Math.PI / 2 + 2 * Math.PI * i / group.length;
        p.dx = group.length > 1 ? RING_PX * Math.cos(angle) : 0;
        p.dy = group.length > 1 ? RING_PX * Math.sin(angle) : 0;
      });
    }
    return groups;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Greedy placement: each label takes the first candidate spot that stays in the plot and covers no point
  // and no label placed before it; a label with no such spot is removed (its point keeps the hover tooltip).
  function placeLabels(layer, placed, plot, obstacles) {
    const taken = obstacles.concat(placed.map(p => ({ left: p.cx - RADIUS, right: p.cx + RADIUS, top: p.cy - RADIUS, bottom: p.cy + RADIUS })));
    for (const p of placed) {
      const text = node('text', { class: 'label', x: 0, y: 0 }, layer);
      text.textContent = p.model.modelId;
      const box = text.getBBox();
      const spot = CANDIDATES.map(([h, v, far]) => {
        const reach = RADIUS + GAP + far;
        const left = h > 0 ? p.cx + reach : h < 0 ? p.cx - reach - box.width : p.cx - box.width / 2;
        const top = v > 0 ? p.cy + reach : v < 0 ? p.cy - reach - box.height : p.cy - box.height / 2;
        return { left, top, right: left + box.width, bottom: top + box.height, far };
      }).find(r => r.left >= plot.left && r.right <= plot.left + plot.width && r.top >= plot.top
        && r.bottom <= plot.top + plot.height && !taken.some(t => overlaps(r, t)));
      if (!spot) {
        text.remove();
        p.element.dataset.label = 'hover';
        continue;
      }
      taken.push(spot);
      if (spot.far) {
        // a leader line from the point to the nearest edge of its label
        const x = Math.max(spot.left, Math.min(p.cx, spot.right));
        const y = Math.max(spot.top, Math.min(p.cy, spot.bottom));
        const d = Math.hypot(x - p.cx, y - p.cy);
        node('line', { x1: p.cx + (x - p.cx) * RADIUS / d, y1: p.cy + (y - p.cy) * RADIUS / d, x2: x, y2: y,
          class: 'leader' }, layer);
      }
      text.setAttribute('x', spot.left - box.x);
      text.setAttribute('y', spot.top - box.y);
      text.dataset.model = p.model.modelId;
      p.element.dataset.label = 'visible';
    }
  }

  /**
   * Draws points ({x, y, model}) into the svg, replacing what it held. options: colour(model), selected (an id),
   * onSelect(id), onHover(models at the spot, or null, and the pixel), axisTitles.
   */
  function draw(svg, points, options) {
    svg.innerHTML = '';
    const width = svg.clientWidth;
    const height = svg.clientHeight;
    const plot = { left: MARGIN.left, top: MARGIN.top, width: width - MARGIN.left - MARGIN.right,
      height: height - MARGIN.top - MARGIN.bottom };
    if (!points.length || plot.width <= 0 || plot.height <= 0) {
      return;
    }
    const scale = equalScale(points, plot);
    svg.dataset.pxPerUnitX = scale.perUnit;
    svg.dataset.pxPerUnitY = scale.perUnit;
    drawAxes(svg, plot, scale, options.axisTitles);
    const placed = points.map(p => ({ model: p.model, ax: scale.px(p.x), ay: scale.py(p.y) }));
    const groups = sameSpotGroups(placed);
    const layer = node('g', { class: 'points' }, svg);
    const markers = [];
    for (const group of groups.filter(g => g.length > 1)) {
      // models on one spot: a dashed ring around them and how many there are
      node('circle', { cx: group[0].ax, cy: group[0].ay, r: RING_PX + RADIUS + 2, class: 'same-spot' }, layer);
      const count = node('text', { x: group[0].ax + RING_PX + RADIUS + 4, y: group[0].ay - RING_PX - RADIUS,
        class: 'same-spot-count' }, layer);
      count.textContent = '×' + group.length;
      const box = count.getBBox();
      markers.push({ left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height });
    }
    for (const group of groups) {
      for (const p of group) {
        p.cx = p.ax + p.dx;
        p.cy = p.ay + p.dy;
        const g = node('g', { class: 'point' + (p.model.modelId === options.selected ? ' selected' : '') }, layer);
        g.dataset.model = p.model.modelId;
        g.dataset.anchorX = p.ax;
        g.dataset.anchorY = p.ay;
        const circle = node('circle', { cx: p.cx, cy: p.cy, r: RADIUS, fill: options.colour(p.model) }, g);
        node('title', {}, circle).textContent = group.map(q => q.model.modelId).join('\n');
        g.addEventListener('click', () => options.onSelect(p.model.modelId));
        g.addEventListener('mouseenter', () => options.onHover(group.map(q => q.model), { x: p.cx, y: p.cy }));
        g.addEventListener('mouseleave', () => options.onHover(null));
        p.element = g;
      }
    }
    if (placed.length <= LABEL_LIMIT) {
      placeLabels(node('g', { class: 'labels' }, svg), placed, plot, markers);
    }
  }

  window.ModelMapPlot = { draw };
})();
