// Gallop Studio: plain browser JavaScript, no build step, talking only to this server's own API.
'use strict';

const $ = (id) => document.getElementById(id);
const keyInput = $('api-key');
keyInput.value = localStorage.getItem('gallop-api-key') || '';
keyInput.addEventListener('change', () => localStorage.setItem('gallop-api-key', keyInput.value.trim()));

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const key = keyInput.value.trim();
  if (key) h['Authorization'] = 'Bearer ' + key;
  return h;
}

/** Calls the API; a non-2xx answer throws an Error carrying the server's one-line message. */
async function api(path, options) {
  const opts = Object.assign({}, options || {});
  opts.headers = headers(opts.headers);
  const response = await fetch(path, opts);
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.status + ' ' + response.statusText;
    throw new Error(message);
  }
  return body;
}

/** Follows a video's server-sent events (read through fetch, so the API key header can be sent). */
async function watch(id, onUpdate) {
  const response = await fetch('/v1/videos/' + id + '/events', { headers: headers() });
  if (!response.ok) throw new Error('progress stream: ' + response.status);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '', last = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      if (!data) continue;
      last = JSON.parse(data);
      onUpdate(last);
    }
  }
  return last;
}

/** Loads a video file into a <video> element (as a blob, so the API key header travels with it) and plays it muted. */
async function loadVideo(element, url) {
  const response = await fetch(url, { headers: headers() });
  if (!response.ok) throw new Error('download failed: ' + response.status);
  const blob = await response.blob();
  element.src = URL.createObjectURL(blob);
  element.muted = true;
  try { await element.play(); } catch (e) { /* autoplay may be refused; the controls still work */ }
}

async function download(url, name) {
  const response = await fetch(url, { headers: headers() });
  const blob = await response.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
}

// ---- tabs
document.querySelectorAll('.tab').forEach((tab) => tab.addEventListener('click', () => {
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t === tab));
  document.querySelectorAll('.panel').forEach((p) => p.classList.toggle('active', p.id === tab.dataset.tab));
  if (tab.dataset.tab === 'leaderboard') refreshLeaderboard();
}));

// ---- create
async function loadModels() {
  try {
    const models = await api('/v1/models');
    const select = $('model');
    select.innerHTML = '';
    for (const m of models.data) {
      const option = document.createElement('option');
      option.value = m.id;
      option.textContent = m.id === m.generator ? m.id : m.id + ' (served by ' + m.generator + ')';
      select.appendChild(option);
    }
    if (models.data.some((m) => m.id === 'gallop-tiny-t2v')) select.value = 'gallop-tiny-t2v';
  } catch (e) {
    $('create-error').textContent = e.message;
  }
}

function setProgress(percent) {
  $('progress').hidden = false;
  $('progress-fill').style.width = percent + '%';
  $('progress-text').textContent = percent + '%';
}

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('create-error').textContent = '';
  $('generate').disabled = true;
  try {
    const fields = {
      prompt: $('prompt').value, model: $('model').value, seed: $('seed').value,
      seconds: $('seconds').value, size: $('size').value, generate_sound: String($('sound').checked),
    };
    // sampling fields go only when filled, so the model's own defaults (a distilled model's few steps) apply otherwise
    const sampling = { negative_prompt: $('negative').value.trim(), num_inference_steps: $('steps').value,
      guidance_scale: $('guidance').value, guidance_smoothing: $('guidance-smoothing').value, sampler: $('sampler').value,
      camera_control: $('camera-control').value };
    for (const [k, v] of Object.entries(sampling)) if (v !== '') fields[k] = v;
    let video;
    const file = $('image').files[0];
    if (file) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('input_reference', file);
      video = await api('/v1/videos', { method: 'POST', body: form });
    } else {
      for (const k of ['seed', 'num_inference_steps', 'guidance_scale', 'guidance_smoothing']) if (k in fields) fields[k] = Number(fields[k]);
      fields.generate_sound = $('sound').checked;
      video = await api('/v1/videos', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) });
    }
    await follow(video, 'generation failed');
  } catch (e) {
    $('create-error').textContent = e.message;
  } finally {
    $('generate').disabled = false;
  }
});

// a video just started: its progress on the bar until it ends, then at the top of the gallery (or its error thrown)
async function follow(video, failure) {
  setProgress(video.progress);
  const final = await watch(video.id, (v) => setProgress(v.progress));
  if (!final || final.status !== 'completed') throw new Error(final && final.error ? final.error.message : failure);
  setProgress(100);
  await addToGallery(final, true);
}

async function addToGallery(video, first) {
  const gallery = $('gallery');
  const empty = gallery.querySelector('.empty');
  if (empty) empty.remove();
  const card = document.createElement('div');
  card.className = 'card';
  card.dataset.id = video.id;
  const player = document.createElement('video');
  player.controls = true;
  player.loop = true;
  player.playsInline = true;
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = video.prompt + ' | ' + video.size + ', ' + video.seconds + ' s, seed ' + video.seed + ', '
      + video.model + (video.model === video.generator ? '' : ' via ' + video.generator)
      + (video.num_inference_steps != null ? ', ' + video.num_inference_steps + ' steps' : '')
      + (video.guidance_scale != null ? ', guidance ' + video.guidance_scale : '')
      + (video.guidance_smoothing ? ', smoothing ' + video.guidance_smoothing : '')
      + (video.sampler ? ', ' + video.sampler : '')
      + (video.camera_control ? ', camera ' + video.camera_control : '')
      + (video.negative_prompt ? ', not "' + video.negative_prompt + '"' : '')
      + (video.remixed_from_video_id ? ', remix of ' + video.remixed_from_video_id : '')
      + (video.inference_time_s != null ? ', ' + video.inference_time_s.toFixed(2) + ' s' : '');
  const links = document.createElement('div');
  for (const variant of ['video', 'thumbnail', 'spritesheet']) {
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = variant;
    a.className = 'download-' + variant;
    a.addEventListener('click', (e) => {
      e.preventDefault();
      download('/v1/videos/' + video.id + '/content?variant=' + variant, video.id + (variant === 'video' ? '.mp4' : '-' + variant + '.png'));
    });
    links.appendChild(a);
  }
  const unread = Object.entries(video.unread_text || {}).map(([text, end]) => 'the end of the ' + text + ' was not read: "' + end + '"');
  if (video.ignored_words && video.ignored_words.length) unread.unshift('ignored words: ' + video.ignored_words.join(', '));
  const warning = document.createElement('div');
  warning.className = 'warning';
  warning.textContent = unread.join('; ');
  card.append(player, meta);
  if (unread.length) card.appendChild(warning);
  card.appendChild(links);
  card.appendChild(remixForm(video));
  if (first) gallery.prepend(card); else gallery.appendChild(card);
  await loadVideo(player, '/v1/videos/' + video.id + '/content?variant=video');
}

// OpenAI's remix: the video edited as the instruction says, by the server's edit model (gallop-tiny-edit)
function remixForm(video) {
  const form = document.createElement('form');
  form.className = 'remix';
  const instruction = document.createElement('input');
  instruction.className = 'remix-prompt';
  instruction.placeholder = 'make the ball blue';
  instruction.required = true;
  const go = document.createElement('button');
  go.type = 'submit';
  go.textContent = 'Remix';
  form.append(instruction, go);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('create-error').textContent = '';
    go.disabled = true;
    try {
      const started = await api('/v1/videos/' + video.id + '/remix', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: instruction.value }) });
      await follow(started, 'remix failed');
    } catch (e) {
      $('create-error').textContent = e.message;
    } finally {
      go.disabled = false;
    }
  });
  return form;
}

async function loadGallery() {
  try {
    const page = await api('/v1/videos?limit=12');
    for (const v of page.data) if (v.status === 'completed') await addToGallery(v, false);
  } catch (e) { /* an API key may be needed first */ }
}

// ---- arena
let battle = null;

function showSide(side, info) {
  $('arena-status-' + side).textContent = info.status === 'completed' ? 'ready' : info.status + ' ' + info.progress + '%';
}

$('arena-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('arena-error').textContent = '';
  $('arena-result').textContent = '';
  $('arena-start').disabled = true;
  document.querySelectorAll('.votes button').forEach((b) => { b.disabled = true; });
  for (const side of ['a', 'b']) { $('arena-name-' + side).textContent = ''; $('arena-video-' + side).removeAttribute('src'); }
  try {
    battle = await api('/api/arena/battles', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: $('arena-prompt').value, seed: Number($('arena-seed').value), generate_sound: $('arena-sound').checked }) });
    $('battle').hidden = false;
    while (battle.status === 'queued' || battle.status === 'in_progress') {
      showSide('a', battle.a);
      showSide('b', battle.b);
      await new Promise((r) => setTimeout(r, 300));
      battle = await api('/api/arena/battles/' + battle.id);
    }
    showSide('a', battle.a);
    showSide('b', battle.b);
    if (battle.status !== 'completed') throw new Error('a contender failed; start another battle');
    await Promise.all([loadVideo($('arena-video-a'), battle.a.content_url), loadVideo($('arena-video-b'), battle.b.content_url)]);
    document.querySelectorAll('.votes button').forEach((b) => { b.disabled = false; });
  } catch (e) {
    $('arena-error').textContent = e.message;
  } finally {
    $('arena-start').disabled = false;
  }
});

document.querySelectorAll('.votes button').forEach((button) => button.addEventListener('click', async () => {
  document.querySelectorAll('.votes button').forEach((b) => { b.disabled = true; });
  try {
    battle = await api('/api/arena/battles/' + battle.id + '/vote', { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: button.dataset.outcome }) });
    $('arena-name-a').textContent = battle.revealed.a;
    $('arena-name-b').textContent = battle.revealed.b;
    $('arena-result').textContent = 'Vote recorded (' + battle.outcome.replace('_', ' ') + ') in pool ' + battle.pool + '.';
  } catch (e) {
    $('arena-error').textContent = e.message;
  }
}));

// ---- leaderboard
async function refreshLeaderboard() {
  const target = $('leaderboard-tables');
  try {
    const board = await api('/api/arena/leaderboard');
    target.innerHTML = '';
    if (board.pools.length === 0) { target.innerHTML = '<p class="empty">No votes yet.</p>'; return; }
    for (const pool of board.pools) {
      const title = document.createElement('h3');
      title.textContent = pool.pool + ': ' + pool.battles + ' battle' + (pool.battles === 1 ? '' : 's');
      const table = document.createElement('table');
      table.className = 'pool-' + pool.pool;
      table.innerHTML = '<tr><th>Rank</th><th>Model</th><th>Rating</th><th>95% interval</th><th>Battles</th><th>Win rate</th></tr>';
      for (const r of pool.rows) {
        const tr = document.createElement('tr');
        for (const cell of [r.rank, r.model, r.rating.toFixed(1), r.lower.toFixed(1) + ' to ' + r.upper.toFixed(1), r.battles,
          (100 * r.win_rate).toFixed(1) + '%']) {
          const td = document.createElement('td');
          td.textContent = cell;
          tr.appendChild(td);
        }
        table.appendChild(tr);
      }
      target.append(title, table);
    }
  } catch (e) {
    target.textContent = e.message;
  }
}
$('leaderboard-refresh').addEventListener('click', refreshLeaderboard);

loadModels();
loadGallery();
