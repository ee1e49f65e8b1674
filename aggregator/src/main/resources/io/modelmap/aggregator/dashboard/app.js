// The dashboard: fetches the query API, draws the map with Chart.js, and refreshes on server-sent events.
// With an API token on the server, the page sends it as a header: it comes from the URL fragment
// (#token=..., which browsers never send to the server, so it is in no log) or is typed once, and is kept
// for this tab only. The event stream gets a short-lived ticket instead, as EventSource sends no header.
(function () {
  'use strict';
  const palette = ['#3b82f6', '#ef4444', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#6366f1',
    '#84cc16', '#f97316', '#06b6d4', '#a855f7'];
  const state = { models: [], map: null, selected: null, agreement: [], benchmarks: [],
    benchmark: null, predictionChart: null, dimensionChart: null, analytics: null, klMatrix: null };

  // Ids are any printable strings (quotes, <, & included): escaped wherever they go into HTML.
  function esc(text) {
    return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  const TOKEN_KEY = 'modelmap-api-token';
  const auth = { token: null };

  function readToken() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search); // out of the address bar and history
    }
    auth.token = sessionStorage.getItem(TOKEN_KEY);
  }

  function authorization() {
    return auth.token ? { Authorization: 'Bearer ' + auth.token } : {};
  }

  // A 401: the server has a token and this tab has none, or a wrong one: ask for it.
  function askForToken() {
    document.getElementById('token-form').hidden = false;
    document.getElementById('live').className = 'live off';
  }

  // The page has settled once every panel was drawn from the API and no refresh is waiting or running:
  // body[data-settled="true"] tells a test (or a screenshot script) that what it sees is complete.
  const panels = ['map', 'progress', 'agreement', 'predictions', 'analytics', 'kl', 'lineage', 'hub-decisions'];
  const drawnPanels = new Set();
  let pendingRefreshes = 0;

  function updateSettled() {
    document.body.dataset.settled = String(pendingRefreshes === 0 && panels.every(p => drawnPanels.has(p)));
  }

  function drawn(panel) {
    drawnPanels.add(panel);
    updateSettled();
  }

  function pending(change) {
    pendingRefreshes += change;
    updateSettled();
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store', headers: authorization() });
    if (response.status === 401) {
      askForToken();
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error || response.statusText);
    }
    return response.json();
  }

  function colourOf(value, keys) {
    const index = keys.indexOf(value == null ? '(none)' : value);
    return palette[index % palette.length];
  }

  function mapTooltip(models, at) {
    const tip = document.getElementById('map-tooltip');
    if (!models) {
      tip.hidden = true;
      return;
    }
    tip.innerHTML = (models.length > 1 ? `<div class="muted">${models.length} models on one spot</div>` : '') +
      models.map(m => `<div><b>${esc(m.modelId)}</b> · mean log-lik ${m.meanLogLikelihood == null ? '?' : m.meanLogLikelihood.toFixed(1)}` +
        ` · ${esc(m.primaryCategory || 'no category')}${m.accuracy == null ? '' : ` · accuracy ${m.accuracy.toFixed(3)}`}</div>`).join('');
    tip.style.left = `${at.x + 12}px`;
    tip.style.top = `${at.y + 12}px`;
    tip.hidden = false;
  }

  function drawMap() {
    const map = state.map;
    const field = document.getElementById('colour-by').value;
    const points = map ? map.points : [];
    const keyOf = p => (p[field] == null ? '(none)' : String(p[field]));
    const keys = [...new Set(points.map(keyOf))].sort();
    document.getElementById('map-method').textContent = map
      ? `${map.modelCount} models · ${map.mapMethod === 'pca' ? 'PCA of Q' : 'MDS on KL'} · corpus ${map.corpusId} · equal axis scales` : '';
    document.getElementById('map-legend').innerHTML = keys.map(k =>
      `<span><i style="background:${colourOf(k, keys)}"></i>${esc(k)}</span>`).join('');
    document.getElementById('map-empty').hidden = points.length > 0;
    const axis = map && map.mapMethod === 'pca' ? 'principal axis' : 'MDS axis';
    ModelMapPlot.draw(document.getElementById('map'), points.map(p => ({ x: p.x, y: p.y, model: p })), {
      colour: m => colourOf(keyOf(m), keys),
      selected: state.selected,
      onSelect: select,
      onHover: mapTooltip,
      axisTitles: [`${axis} 1`, `${axis} 2`],
    });
    drawn('map');
  }

  function drawProgress() {
    const list = document.getElementById('progress');
    list.innerHTML = '';
    const scoring = state.models.filter(m => m.status !== 'complete');
    // nothing scoring: the panel folds to one line instead of an empty box
    document.querySelector('.progress-panel').classList.toggle('collapsed', !scoring.length);
    if (!state.models.length) {
      list.innerHTML = '<li class="muted">no model registered yet: ./modelmap register, or ./modelmap demo</li>';
    } else if (!scoring.length) {
      list.innerHTML = `<li class="muted">all ${state.models.length} ${state.models.length === 1 ? 'model' : 'models'} mapped</li>`;
    }
    for (const m of scoring) {
      const done = m.textsScored || 0;
      const total = m.corpusSize || 0;
      const share = total ? Math.round(100 * done / total) : 0;
      const li = document.createElement('li');
      li.dataset.model = m.modelId;
      // a refused or failed model says why, where a progress bar would wait for scores that will not come
      const progress = m.failure ? `${m.status}: ${m.failure.message}`
        : m.status === 'registered' ? 'registered' : `${done}/${total}`;
      li.innerHTML = `<span title="${esc(m.modelId)}">${esc(m.modelId)}</span><span class="bar"><span style="width:${share}%"></span></span>` +
        `<span class="muted${m.failure ? ' failure' : ''}" title="${esc(progress)}">${esc(progress)}</span>`;
      list.appendChild(li);
    }
    const complete = state.models.length - scoring.length;
    const stopped = scoring.filter(m => m.failure).length;
    document.getElementById('summary').textContent =
      `${state.models.length} models · ${complete} mapped · ${scoring.length - stopped} in progress` +
      (stopped ? ` · ${stopped} refused or failed` : '');
    drawn('progress');
  }

  async function select(modelId) {
    state.selected = modelId;
    document.querySelectorAll('#map g.point').forEach(g => g.classList.toggle('selected', g.dataset.model === modelId));
    const m = await getJson('/api/models/' + encodeURIComponent(modelId));
    document.getElementById('detail-title').textContent = m.modelId;
    document.getElementById('detail-body').hidden = false;
    document.getElementById('detail-meta').textContent = [m.family, m.modelType, m.status,
      m.revision ? `commit ${m.revision.slice(0, 12)}` : null,
      m.textsScored != null ? `${m.textsScored}/${m.corpusSize} texts` : null,
      m.accuracy != null ? `accuracy ${m.accuracy.toFixed(3)} on ${m.answered} items` : null,
      m.neighborsProvisional ? 'provisional neighbours' : null].filter(Boolean).join(' · ');
    const neighbors = document.querySelector('#neighbors tbody');
    neighbors.innerHTML = '';
    (m.neighbors || []).forEach((n, i) => {
      const tr = document.createElement('tr');
      tr.dataset.model = n.modelId;
      tr.innerHTML = `<td>${i + 1}</td><td>${esc(n.modelId)}</td><td class="num">${n.klBitsPerByte.toExponential(3)}</td>` +
        `<td class="num">${n.klNats.toFixed(4)}</td>`;
      neighbors.appendChild(tr);
    });
    const predicted = document.querySelector('#model-predictions tbody');
    const p = await getJson('/api/predictions/' + encodeURIComponent(modelId)).catch(() => null);
    predicted.innerHTML = p ? '' : '<tr><td colspan="5" class="muted">none yet</td></tr>';
    const number = v => v == null ? '' : v.toFixed(3);
    for (const row of (p ? p.predictions : [])) {
      const tr = document.createElement('tr');
      tr.innerHTML = `<td>${esc(row.benchmarkId)}</td><td>${esc(row.method)}</td><td class="num">${number(row.predicted)}</td>` +
        `<td class="num">${number(row.observed)}</td><td class="num">${number(row.outOfFold)}</td>`;
      predicted.appendChild(tr);
    }
    // a benchmark's embedding forecast never reads a vector fitted on its own answers: with answers to one
    // benchmark only, there is no vector to forecast it from, and the table would be silent about why
    document.getElementById('model-forecast-note').hidden = !!p && p.predictions.some(r => r.method === 'embedding');
    const partners = document.querySelector('#partners tbody');
    partners.innerHTML = '';
    const rows = (m.mostCorrelated || []).slice(0, 5).map(p => ['most', p])
      .concat((m.leastCorrelated || []).slice(0, 3).map(p => ['least', p]));
    for (const [kind, p] of rows) {
      const tr = document.createElement('tr');
      tr.innerHTML = `<td class="muted">${kind}</td><td>${esc(p.modelId)}</td><td class="num">${p.bothWrong}</td>` +
        `<td class="num">${p.rateBothWrong.toFixed(3)}</td><td class="num">${p.baselineBothWrong.toFixed(3)}</td>`;
      partners.appendChild(tr);
    }
  }

  // Average-linkage agglomerative clustering on 1 - rate; returns the leaf order.
  function clusterOrder(ids, rate) {
    let clusters = ids.map(id => ({ members: [id] }));
    const distance = (a, b) => {
      let sum = 0;
      let n = 0;
      for (const x of a.members) for (const y of b.members) { sum += 1 - rate(x, y); n++; }
      return sum / n;
    };
    while (clusters.length > 1) {
      let best = [0, 1, Infinity];
      for (let i = 0; i < clusters.length; i++) {
        for (let j = i + 1; j < clusters.length; j++) {
          const d = distance(clusters[i], clusters[j]);
          if (d < best[2]) best = [i, j, d];
        }
      }
      const merged = { members: clusters[best[0]].members.concat(clusters[best[1]].members) };
      clusters = clusters.filter((_, k) => k !== best[0] && k !== best[1]).concat([merged]);
    }
    return clusters.length ? clusters[0].members : [];
  }

  // Column headers carry full ids at 55°: the header row is made as tall, and the table as wide, as the
  // longest rotated name needs, so no name is cut.
  const HEADER_ANGLE = 55 * Math.PI / 180;

  function fitRotatedHeaders(box) {
    const names = [...box.querySelectorAll('th.col > span')];
    const longest = Math.max(0, ...names.map(n => n.offsetWidth));
    const table = box.querySelector('table');
    table.rows[0].style.height = `${Math.ceil(longest * Math.sin(HEADER_ANGLE)) + 12}px`;
    table.style.marginRight = `${Math.ceil(longest * Math.cos(HEADER_ANGLE))}px`;
  }

  // A square table of coloured cells: value(a, b) is shown in the title, shade(a, b) in [0, 1] is the colour.
  function heatmapTable(box, order, value, shade) {
    let html = '<table><tr><th></th>' + order.map(id =>
      `<th class="col" title="${esc(id)}" aria-label="${esc(id)}"><span>${esc(id)}</span></th>`).join('') + '</tr>';
    for (const a of order) {
      html += `<tr><th class="row">${esc(a)}</th>`;
      for (const b of order) {
        html += `<td title="${esc(a)} · ${esc(b)}: ${value(a, b)}" style="background: rgba(29,78,216,${shade(a, b).toFixed(3)})"></td>`;
      }
      html += '</tr>';
    }
    box.innerHTML = html + '</table>';
    fitRotatedHeaders(box);
  }

  function drawHeatmap() {
    const pairs = state.agreement.filter(p => p.rateBothWrong != null);
    const ids = [...new Set(pairs.flatMap(p => [p.modelA, p.modelB]))].sort().slice(0, 60);
    const rates = new Map(pairs.map(p => [p.modelA + '\u0000' + p.modelB, p.rateBothWrong]));
    const rate = (a, b) => a === b ? 1 : (rates.get(a < b ? a + '\u0000' + b : b + '\u0000' + a) ?? 0);
    const order = clusterOrder(ids, rate);
    const box = document.getElementById('heatmap');
    if (!order.length) {
      box.innerHTML = '<p class="muted">no agreement yet: it needs two models that answered the same benchmark items'
        + ' and got some wrong (./modelmap import-answers, or the demo)</p>';
    } else {
      heatmapTable(box, order, (a, b) => rate(a, b).toFixed(3), rate);
    }
    drawn('agreement');
  }

  function drawKlHeatmap() {
    const box = document.getElementById('kl-heatmap');
    const m = state.klMatrix;
    drawn('kl');
    if (!m || !m.models.length) {
      box.innerHTML = '<p class="muted">no KL yet: a model joins once all its texts are scored</p>';
      return;
    }
    const index = new Map(m.models.map((id, i) => [id, i]));
    const kl = (a, b) => m.klBitsPerByte[index.get(a)][index.get(b)] ?? 0;
    // closeness on a log scale: the largest KL is white, KL a thousand times smaller is darkest
    const largest = Math.max(...m.klBitsPerByte.flat().filter(v => v > 0), 1e-12);
    const shade = (a, b) => a === b ? 1 : Math.max(0, Math.min(1, -Math.log10(Math.max(kl(a, b), 1e-300) / largest) / 3));
    heatmapTable(box, m.models, (a, b) => kl(a, b).toExponential(3) + ' bits/byte', shade);
  }

  function scatter(canvas, existing, datasets, xTitle, yTitle, extra) {
    if (existing) {
      existing.data.datasets = datasets;
      existing.update('none');
      return existing;
    }
    return new Chart(canvas, {
      type: 'scatter',
      data: { datasets },
      options: Object.assign({
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { title: { display: true, text: xTitle } }, y: { title: { display: true, text: yTitle } } },
      }, extra || {}),
    });
  }

  function drawPredictions(benchmark) {
    const select = document.getElementById('benchmark');
    const ids = [...new Set(state.benchmarks.map(q => q.benchmarkId))];
    select.innerHTML = ids.map(id => `<option${id === state.benchmark ? ' selected' : ''}>${esc(id)}</option>`).join('');
    const caption = document.getElementById('prediction-quality');
    drawn('predictions');
    // no fitted benchmark: one line that says why, not an empty chart
    document.getElementById('predictions-body').hidden = !benchmark;
    if (!benchmark) {
      caption.textContent = 'no predictions yet: a benchmark is fitted once enough complete models have observed scores'
        + ' (./modelmap import-benchmarks or import-answers)';
      return;
    }
    caption.textContent = benchmark.quality.map(q => `${q.method}: r ${q.pearsonR == null ? '–' : q.pearsonR.toFixed(3)}` +
      ` · ρ ${q.spearmanRho == null ? '–' : q.spearmanRho.toFixed(3)} · ${q.models} observed models` +
      ` · ${q.folds} folds by ${q.grouping} · α ${q.alpha.toExponential(2)}`).join('; ');
    // one series per method (ridge-q from the map, cpp from the score matrix), each model out of fold
    const observed = benchmark.models.filter(p => p.observed != null && p.outOfFold != null);
    const methods = [...new Set(observed.map(p => p.method))].sort().reverse();
    const values = observed.flatMap(p => [p.observed, p.outOfFold]);
    const low = Math.min(...values);
    const high = Math.max(...values);
    state.predictionChart = scatter(document.getElementById('predictions'), state.predictionChart, [
      ...methods.map((method, i) => ({ label: `${method} (out of fold)`, method,
        data: observed.filter(p => p.method === method).map(p => ({ x: p.observed, y: p.outOfFold, model: p })),
        backgroundColor: palette[i % palette.length], pointRadius: 5 })),
      { label: 'y = x', type: 'line', data: [{ x: low, y: low }, { x: high, y: high }], borderColor: '#9ca3af',
        borderDash: [4, 4], pointRadius: 0 },
    ], 'observed', 'predicted, its family held out', {
      plugins: { tooltip: { callbacks: { label: ctx => ctx.raw.model
        ? `${ctx.raw.model.modelId}: observed ${ctx.raw.x.toFixed(3)}, predicted ${ctx.raw.y.toFixed(3)}` : '' } } },
    });
    const only = document.querySelector('#predicted-only tbody');
    const unobserved = benchmark.models.filter(p => p.observed == null);
    only.innerHTML = unobserved.length ? '' : '<tr><td colspan="3" class="muted">every predicted model has an observed score</td></tr>';
    for (const p of unobserved.sort((a, b) => b.predicted - a.predicted).slice(0, 10)) {
      const tr = document.createElement('tr');
      tr.dataset.model = p.modelId;
      tr.innerHTML = `<td>${esc(p.modelId)}</td><td>${esc(p.method)}</td><td class="num">${p.predicted.toFixed(3)}</td>`;
      only.appendChild(tr);
    }
  }

  function drawAnalytics() {
    const a = state.analytics;
    const caption = document.getElementById('dimension');
    drawn('analytics');
    document.getElementById('analytics-body').hidden = !a;
    if (!a) {
      caption.textContent = 'no analytics yet: they need complete models (every text scored)';
      return;
    }
    caption.textContent = `${a.completeModels} complete models · 90 % of the variance of Q in ${a.dimension90} axes,` +
      ` 95 % in ${a.dimension95}`;
    state.dimensionChart = scatter(document.getElementById('effective-dimension'), state.dimensionChart, [
      { label: 'cumulative share of variance', type: 'line', data: a.cumulativeVariance.map((v, d) => ({ x: d + 1, y: v })),
        borderColor: palette[2], pointRadius: 0 },
    ], 'axes', 'share of variance', { scales: { x: { title: { display: true, text: 'axes' } },
      y: { min: 0, max: 1, title: { display: true, text: 'share of variance' } } } });
    const rows = document.querySelector('#leakage tbody');
    rows.innerHTML = a.leakage.length ? '' : `<tr><td colspan="5" class="muted">needs benchmark scores of complete models</td></tr>`;
    a.leakage.slice(0, 15).forEach((e, i) => {
      const tr = document.createElement('tr');
      tr.dataset.model = e.modelId;
      tr.innerHTML = `<td>${i + 1}</td><td>${esc(e.modelId)}</td><td class="num">${e.leakage.toFixed(2)}</td>` +
        `<td class="num">${e.meanLogLikelihood.toFixed(1)}</td><td class="num">${e.benchmarkStanding.toFixed(2)}</td>`;
      rows.appendChild(tr);
    });
  }

  async function refreshPredictions() {
    state.benchmarks = await getJson('/api/benchmarks').catch(() => []);
    const ids = [...new Set(state.benchmarks.map(q => q.benchmarkId))];
    if (!ids.includes(state.benchmark)) {
      state.benchmark = ids.length ? ids[0] : null;
    }
    const benchmark = state.benchmark
      ? await getJson('/api/benchmarks/' + encodeURIComponent(state.benchmark)).catch(() => null) : null;
    drawPredictions(benchmark);
    const corpus = state.map ? `?corpus=${encodeURIComponent(state.map.corpusId)}` : '';
    state.analytics = await getJson('/api/analytics' + corpus).catch(() => null);
    drawAnalytics();
    state.klMatrix = state.analytics
      ? await getJson(`/api/kl-matrix?max=60&corpus=${encodeURIComponent(state.analytics.corpusId)}`).catch(() => null) : null;
    drawKlHeatmap();
  }

  async function refresh() {
    try {
      state.models = await getJson('/api/models');
      state.map = await getJson('/api/map').catch(() => null);
      drawMap();
      drawProgress();
      if (state.selected) {
        await select(state.selected);
      }
    } catch (e) {
      document.getElementById('summary').textContent = 'waiting for the aggregator: ' + e.message;
      // a starting aggregator answers 503 "retry in a few seconds"; with no model yet no update would come to
      // refresh the page, and the map and progress panels would never show their empty state
      if (document.getElementById('token-form').hidden) {
        setTimeout(refreshSoon, 2000);
      }
    }
  }

  async function refreshLineage() {
    const lineage = await getJson('/api/lineage?k=3').catch(() => []);
    const body = document.querySelector('#lineage tbody');
    const compared = lineage.filter(r => r.responseNeighbors.length);
    body.innerHTML = '';
    document.getElementById('lineage').hidden = !compared.length;
    document.getElementById('lineage-empty').hidden = compared.length > 0;
    drawn('lineage');
    const names = (list, both) => list.map(m => both.includes(m) ? `<b>${esc(m)}</b>` : esc(m)).join(', ');
    for (const row of compared) {
      const tr = document.createElement('tr');
      tr.dataset.model = row.modelId;
      tr.innerHTML = `<td>${esc(row.modelId)}</td><td>${names(row.klNeighbors, row.agreeing)}</td>` +
        `<td>${names(row.responseNeighbors, row.agreeing)}</td>`;
      body.appendChild(tr);
    }
  }

  async function refreshHubDecisions() {
    const decisions = await getJson('/api/hub-decisions?max=50').catch(() => []);
    const body = document.querySelector('#hub-decisions tbody');
    body.innerHTML = '';
    document.getElementById('hub-decisions').hidden = !decisions.length;
    document.getElementById('hub-decisions-empty').hidden = decisions.length > 0;
    drawn('hub-decisions');
    for (const d of decisions) {
      const tr = document.createElement('tr');
      tr.dataset.key = d.repo + '@' + d.commit;
      tr.className = d.decision;
      const time = new Date(d.decidedAtMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      tr.innerHTML = `<td>${esc(time)}</td><td>${esc(d.repo)}@${esc(d.commit.substring(0, 10))}</td>` +
        `<td>${esc(d.decision)}${d.modelId ? ' as ' + esc(d.modelId) : ''}</td><td>${esc(d.rule)}</td>` +
        `<td>${esc(d.reason)}</td>`;
      body.appendChild(tr);
    }
  }

  async function refreshAgreement() {
    state.agreement = await getJson('/api/agreement').catch(() => []);
    drawHeatmap();
  }

  // Runs fn ms after the last call; the page counts as unsettled from the first call until fn has finished.
  function debounce(fn, ms) {
    let timer = null;
    return () => {
      if (timer === null) {
        pending(+1);
      }
      clearTimeout(timer);
      timer = setTimeout(async () => {
        timer = null;
        try {
          await fn();
        } finally {
          pending(-1);
        }
      }, ms);
    };
  }

  async function settling(refreshing) {
    pending(+1);
    try {
      await refreshing;
    } finally {
      pending(-1);
    }
  }

  const refreshSoon = debounce(refresh, 300);
  const refreshAgreementSoon = debounce(refreshAgreement, 1500);
  const refreshPredictionsSoon = debounce(refreshPredictions, 1500);
  const refreshLineageSoon = debounce(refreshLineage, 1500);
  const refreshHubDecisionsSoon = debounce(refreshHubDecisions, 1500);
  const predictionTopics = ['score-predictions', 'prediction-quality', 'model-analytics'];

  let events = null;

  // Each connection opens with a fresh ticket (good once, for a minute); a stream that ends for good
  // (EventSource gives up on a refused reconnection) is opened again with a new one.
  async function listen() {
    if (events) {
      events.close();
      events = null;
    }
    let ticket;
    try {
      ticket = (await getJson('/api/events/ticket')).ticket;
    } catch (e) {
      if (document.getElementById('token-form').hidden) {
        setTimeout(listen, 5000); // not a missing token: the aggregator is starting or away
      }
      return;
    }
    events = new EventSource('/api/events?ticket=' + encodeURIComponent(ticket));
    events.onopen = () => { document.getElementById('live').className = 'live on'; };
    events.onerror = () => {
      document.getElementById('live').className = 'live off';
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(listen, 3000);
      }
    };
    events.addEventListener('update', message => {
      const update = JSON.parse(message.data);
      if (update.topic.endsWith('error-agreement')) {
        refreshAgreementSoon();
      } else if (update.topic.endsWith('response-similarity') || update.topic.endsWith('model-neighbors')) {
        refreshLineageSoon();
        refreshSoon();
      } else if (update.topic.endsWith('hub-decisions')) {
        refreshHubDecisionsSoon();
      } else if (predictionTopics.some(t => update.topic.endsWith(t))) {
        refreshPredictionsSoon();
      } else {
        refreshSoon();
      }
    });
  }

  // For tests and scripts: how many models are on the map, and where one is drawn (SVG pixels).
  window.dashboard = {
    predictionPointCount: (method = 'ridge-q') => (state.predictionChart
      ? state.predictionChart.data.datasets.filter(d => d.method === method).reduce((n, d) => n + d.data.length, 0) : 0),
    mapModelCount: () => document.querySelectorAll('#map g.point').length,
    hubDecisionRows: () => [...document.querySelectorAll('#hub-decisions tbody tr')].map(tr => tr.textContent),
    pixelOf: modelId => {
      const point = [...document.querySelectorAll('#map g.point')].find(g => g.dataset.model === modelId);
      const circle = point && point.querySelector('circle');
      const svg = document.getElementById('map');
      return circle ? { x: Number(circle.getAttribute('cx')), y: Number(circle.getAttribute('cy')),
        width: svg.clientWidth, height: svg.clientHeight } : null;
    },
  };

  document.getElementById('token-form').addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('token');
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    auth.token = sessionStorage.getItem(TOKEN_KEY);
    document.getElementById('token-form').hidden = true;
    refresh();
    refreshAgreement();
    refreshPredictions();
    refreshLineage();
    refreshHubDecisions();
    listen();
  });
  document.getElementById('colour-by').addEventListener('change', drawMap);
  document.getElementById('benchmark').addEventListener('change', event => {
    state.benchmark = event.target.value;
    refreshPredictions();
  });
  readToken();
  window.addEventListener('resize', debounce(drawMap, 200));
  settling(refresh());
  settling(refreshAgreement());
  settling(refreshPredictions());
  settling(refreshLineage());
  settling(refreshHubDecisions());
  listen();
})();
