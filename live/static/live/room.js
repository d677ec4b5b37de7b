/* Tertulia live room client: no framework. Reconnects with backoff and jitter, resumes with
   ?after=<last id>, resends unacknowledged chat by client_msg_id, and falls back to HTTP polling.
   A socket is given up at once when the device goes offline, or when nothing (not even the answer to
   our ping) arrived for a while: on a phone the TCP connection can die without a close ever arriving. */
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root || !window.WebSocket && !window.fetch) { return; }
  var cfg = JSON.parse(document.getElementById("room-config").textContent);
  var state = JSON.parse(document.getElementById("room-state").textContent);
  var t = cfg.i18n;
  var lastId = cfg.lastEventId;
  var ws = null, attempts = 0, everOpened = false, pollTimer = null, pingTimer = null, retryTimer = null, stopped = false;
  var lastFrameAt = 0, PING_EVERY = 25000, SILENCE_LIMIT = 60000;
  var OUTBOX_KEY = "tertulia-outbox-" + cfg.gatheringId;
  var outbox = [];
  try { outbox = JSON.parse(sessionStorage.getItem(OUTBOX_KEY) || "[]"); } catch (e) { outbox = []; }

  var $ = function (id) { return document.getElementById(id); };
  var statusEl = $("room-status"), chatLog = $("chat-log"), queueEl = $("queue"), speakerEl = $("speaker");
  var presenceEl = $("presence"), pollEl = $("poll"), controls = $("moderator-controls");

  function fmt(s, name) { return s.replace("%(name)s", name); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) { e.textContent = text; } if (cls) { e.className = cls; } return e; }
  function setStatus(key, text) { statusEl.hidden = false; statusEl.dataset.state = key; statusEl.textContent = text || t[key] || key; }
  function saveOutbox() { try { sessionStorage.setItem(OUTBOX_KEY, JSON.stringify(outbox)); } catch (e) { /* private mode */ } }
  function csrf() { var m = document.cookie.match(/csrftoken=([^;]+)/); return m ? m[1] : ""; }
  function newId() { return Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

  function send(frame) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return true; }
    return false;
  }

  /* --- rendering ------------------------------------------------------------------------ */
  /* Lists are rebuilt on every update: give the keyboard focus back to the same control. */
  function keepFocus(container, render) {
    var active = document.activeElement;
    var key = active && container.contains(active) ? active.dataset.key : null;
    render();
    var again = key && container.querySelector('[data-key="' + key + '"]');
    if (again) { again.focus(); }
  }
  function renderQueue(q) { keepFocus(queueEl, function () { drawQueue(q); }); }
  function drawQueue(q) {
    speakerEl.textContent = q.speaker ? fmt(t.hasFloor, q.speaker.name) : t.nobodyFloor;
    queueEl.textContent = "";
    if (!q.waiting.length) { queueEl.appendChild(el("li", t.nobodyWaiting, "empty")); }
    q.waiting.forEach(function (w) {
      var li = el("li", w.name + " ");
      li.appendChild(el("span", "· " + w.turns + " " + (w.turns === 1 ? t.turn : t.turns), "meta"));
      if (w.passage) { li.appendChild(el("q", w.passage)); }
      if (state.you.moderator) {
        var b = el("button", t.give); b.type = "button"; b.dataset.key = "give-" + w.user_id;
        b.setAttribute("aria-label", t.give + ": " + w.name);
        b.addEventListener("click", function () { send({ type: "floor.give", user_id: w.user_id }); });
        li.appendChild(document.createTextNode(" ")); li.appendChild(b);
      }
      queueEl.appendChild(li);
    });
  }
  function renderPresence(list) { keepFocus(presenceEl, function () { drawPresence(list); }); }
  function drawPresence(list) {
    presenceEl.textContent = "";
    $("presence-count").textContent = list.length;
    list.forEach(function (p) {
      var li = el("li", p.name);
      if (state.you.moderator && p.user_id !== cfg.userId) {
        var b = el("button", t.makeModerator, "link"); b.type = "button"; b.dataset.key = "moderator-" + p.user_id;
        b.setAttribute("aria-label", t.makeModerator + ": " + p.name);
        b.addEventListener("click", function () { send({ type: "moderator.assign", user_id: p.user_id }); });
        li.appendChild(document.createTextNode(" ")); li.appendChild(b);
      }
      presenceEl.appendChild(li);
    });
  }
  var myVotes = {};
  function renderPoll(p, closed) { keepFocus(pollEl, function () { drawPoll(p, closed); }); }
  function drawPoll(p, closed) {
    pollEl.textContent = "";
    if (!p) { return; }
    var box = el("div", null, "card");
    box.appendChild(el("p", (closed ? t.pollClosed + ": " : "") + p.question, "prompt"));
    var list = el("ol");
    p.options.forEach(function (label, i) {
      var li = el("li");
      var count = p.counts ? " (" + p.counts[i] + ")" : "";
      if (!closed && state.you.role !== "observer") {
        var b = el("button", label + count); b.type = "button"; b.dataset.key = "vote-" + i;
        b.setAttribute("aria-pressed", myVotes[p.poll_id] === i ? "true" : "false");
        b.addEventListener("click", function () {
          if (send({ type: "poll.vote", poll_id: p.poll_id, option: i })) { myVotes[p.poll_id] = i; renderPoll(p, false); }
        });
        li.appendChild(b);
      } else { li.textContent = label + count; }
      list.appendChild(li);
    });
    box.appendChild(list);
    if (!closed && state.you.moderator) {
      var c = el("button", t.closePoll); c.type = "button"; c.dataset.key = "close-poll";
      c.addEventListener("click", function () { send({ type: "poll.close", poll_id: p.poll_id }); });
      box.appendChild(c);
    }
    pollEl.appendChild(box);
  }
  /* Messages stay in id order (a resumed socket replays what was missed after our own resends may
     have been shown), each once; our own messages still being sent stay below them. */
  function appendChat(frame) {
    var id = Number(frame.id);
    if (chatLog.querySelector('[data-id="' + id + '"]')) { return; }
    var items = chatLog.children, i, item, after = null;
    if (frame.client_msg_id && frame.author.user_id === cfg.userId) {
      for (i = items.length - 1; i >= 0; i--) {
        if (items[i].dataset.clientId === frame.client_msg_id) { items[i].remove(); break; }
      }
    }
    var li = el("li"); li.dataset.id = id;
    li.appendChild(el("strong", frame.author.name)); li.appendChild(document.createTextNode(" " + frame.text));
    for (i = items.length - 1; i >= 0; i--) {
      item = items[i];
      if (!item.classList.contains("pending") && Number(item.dataset.id) < id) { after = item; break; }
    }
    chatLog.insertBefore(li, after ? after.nextSibling : chatLog.firstChild);
    chatLog.scrollTop = chatLog.scrollHeight;
  }
  function showPending(item) {
    var li = el("li", null, "pending"); li.dataset.clientId = item.client_msg_id;
    li.appendChild(el("strong", state.you.name)); li.appendChild(document.createTextNode(" " + item.text + " "));
    li.appendChild(el("span", t.pending, "meta"));
    chatLog.appendChild(li);
  }
  var groupsTimer = null;
  function renderGroups(g) {
    var box = $("groups");
    clearInterval(groupsTimer);
    state.groups = g;
    if (!g) { box.hidden = true; return; }
    box.hidden = false;
    $("groups-round").textContent = t.round.replace("%(n)s", g.round);
    var list = $("groups-list"), mine = null;
    list.textContent = "";
    g.groups.forEach(function (group) {
      var people = group.members.slice();
      var ids = people.map(function (p) { return p.user_id; });
      if (group.volunteer) { ids.push(group.volunteer.user_id); }
      var isMine = ids.indexOf(cfg.userId) !== -1;
      if (isMine) { mine = group.index; }
      if (!isMine && !state.you.moderator) { return; }
      var p = el("p", null, isMine ? "mine" : "");
      p.appendChild(el("strong", t.group.replace("%(n)s", group.index + 1) + (isMine ? " (" + t.yourGroup + ")" : "") + ": "));
      p.appendChild(document.createTextNode(people.map(function (m) { return m.name; }).join(", ")));
      if (group.volunteer) { p.appendChild(document.createTextNode(" · " + t.volunteer + ": " + group.volunteer.name)); }
      list.appendChild(p);
    });
    $("groups-chat").hidden = mine === null;
    var ends = Date.parse(g.ends_at), rotated = false;
    var tick = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      $("groups-countdown").textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
      /* When the round's time is up, the moderator's page rotates the volunteers (once per round). */
      if (left === 0 && state.you.moderator && !rotated) { rotated = true; send({ type: "groups.rotate", round: g.round }); }
    };
    tick(); groupsTimer = setInterval(tick, 1000);
  }
  function appendGroupMessage(frame) {
    var log = $("groups-log");
    if (log.querySelector('[data-id="' + frame.id + '"]')) { return; }
    var li = el("li"); li.dataset.id = frame.id;
    li.appendChild(el("strong", (state.you.moderator ? t.group.replace("%(n)s", frame.group + 1) + " · " : "") + frame.author.name));
    li.appendChild(document.createTextNode(" " + frame.text));
    log.appendChild(li); log.scrollTop = log.scrollHeight;
  }

  function setModerator(isModerator) {
    state.you.moderator = isModerator;
    controls.hidden = !isModerator;
    renderQueue(state.queue); renderPresence(state.participants);
  }

  /* --- protocol ------------------------------------------------------------------------- */
  function handle(frame) {
    if (typeof frame.id === "number") {
      if (frame.id <= lastId && frame.type !== "chat.message") { return; }
      if (frame.id > lastId) { lastId = frame.id; }
    }
    switch (frame.type) {
      case "welcome":
        state = frame; setModerator(frame.you.moderator); renderPoll(frame.poll, false); renderGroups(frame.groups);
        setStatus("online"); attempts = 0; flushOutbox(); break;
      case "presence": state.participants = frame.participants; renderPresence(frame.participants); break;
      case "queue": state.queue = frame; renderQueue(frame); break;
      case "chat.message":
        outbox = outbox.filter(function (m) { return m.client_msg_id !== frame.client_msg_id || frame.author.user_id !== cfg.userId; });
        saveOutbox(); appendChat(frame); break;
      case "floor.changed": state.queue.speaker = frame.speaker; renderQueue(state.queue); break;
      case "poll.opened": frame.counts = frame.options.map(function () { return 0; }); state.poll = frame; renderPoll(frame, false); break;
      case "poll.results": if (state.poll && state.poll.poll_id === frame.poll_id) { state.poll.counts = frame.counts; renderPoll(state.poll, false); } break;
      case "poll.closed": state.poll = null; renderPoll(frame, true); break;
      case "moderator.changed":
        setStatus("online", fmt(t.moderatorNow, frame.moderator.name));
        if (frame.moderator.user_id === cfg.userId) { setModerator(true); }
        break;
      case "gathering.ended":
        stopped = true; setStatus("ended");
        var a = el("a", t.record); a.href = frame.record_url; statusEl.appendChild(document.createTextNode(" ")); statusEl.appendChild(a);
        break;
      case "groups.started": case "groups.rotated": renderGroups(frame); break;
      case "groups.message": appendGroupMessage(frame); break;
      case "groups.ended": renderGroups(null); setStatus("online", t.groupsEnded); break;
      case "error": setStatus(statusEl.dataset.state, frame.detail); break;
    }
  }
  function flushOutbox() { outbox.forEach(function (m) { send({ type: "chat.send", text: m.text, client_msg_id: m.client_msg_id }); }); }

  function connect() {
    clearTimeout(retryTimer); retryTimer = null;
    if (stopped || ws) { return; }
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    setStatus("connecting");
    var socket;
    try { socket = new WebSocket(proto + location.host + cfg.wsPath + "?after=" + lastId); } catch (e) { return fallback(); }
    ws = socket;
    socket.onopen = function () { everOpened = true; lastFrameAt = Date.now(); stopPolling(); };
    socket.onmessage = function (msg) {
      lastFrameAt = Date.now();
      try { handle(JSON.parse(msg.data)); } catch (e) { /* ignore bad frame */ }
    };
    socket.onclose = function (ev) {
      if (ws !== socket) { return; }
      ws = null; clearInterval(pingTimer);
      if (ev.code === 4401 || ev.code === 4403 || ev.code === 4404) { stopped = true; setStatus("refused"); return; }
      if (ev.code === 4409) { stopped = true; setStatus("ended"); return; }
      retry();
    };
    clearInterval(pingTimer);
    pingTimer = setInterval(function () {
      if (ws === socket && socket.readyState === 1 && Date.now() - lastFrameAt > SILENCE_LIMIT) { drop(); return; }
      send({ type: "ping" });
    }, PING_EVERY);
  }
  function retry() {
    if (stopped || retryTimer) { return; }
    attempts += 1;
    if (!everOpened && attempts >= 3) { fallback(); }
    setStatus("offline");
    if (navigator.onLine === false) { return; } /* the "online" event reconnects */
    var delay = Math.min(30000, 500 * Math.pow(2, attempts)) * (0.5 + Math.random() / 2);
    retryTimer = setTimeout(connect, delay);
  }
  /* Give up the current socket without waiting for TCP to notice that it is dead. */
  function drop() {
    var socket = ws;
    if (!socket) { return; }
    ws = null; clearInterval(pingTimer);
    socket.onopen = socket.onmessage = socket.onclose = null;
    try { socket.close(); } catch (e) { /* already closing */ }
    retry();
  }
  window.addEventListener("offline", drop);
  window.addEventListener("online", function () {
    if (stopped || ws) { return; }
    attempts = 0; connect();
  });

  /* HTTP fallback: poll the events endpoint and post chat over HTTP. */
  function fallback() {
    if (pollTimer) { return; }
    setStatus("polling");
    var tick = function () {
      fetch(cfg.eventsUrl + "?after=" + lastId, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          data.events.forEach(handle);
          state.queue = data.queue; renderQueue(data.queue);
          if (data.poll) { state.poll = data.poll; renderPoll(data.poll, false); }
          outbox.forEach(postOverHttp);
        }).catch(function () { /* next tick */ });
    };
    tick(); pollTimer = setInterval(tick, 5000);
  }
  function stopPolling() { if (pollTimer) { clearInterval(pollTimer); pollTimer = null; } }
  function postOverHttp(item) {
    fetch(cfg.messagesUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), Accept: "application/json" },
      body: JSON.stringify({ text: item.text, client_msg_id: item.client_msg_id })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (f) { if (f) { handle(f); } }).catch(function () {});
  }

  /* --- forms ---------------------------------------------------------------------------- */
  var chatForm = $("chat-form");
  if (chatForm) {
    chatForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var box = $("chat-text"), text = box.value.trim();
      if (!text) { return; }
      var item = { text: text, client_msg_id: newId() };
      outbox.push(item); saveOutbox(); showPending(item); box.value = "";
      if (!send({ type: "chat.send", text: item.text, client_msg_id: item.client_msg_id }) && pollTimer) { postOverHttp(item); }
    });
    $("chat-text").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); chatForm.requestSubmit(); }
    });
  }
  var handForm = $("hand-form");
  if (handForm) {
    handForm.addEventListener("submit", function (ev) {
      var action = ev.submitter ? ev.submitter.value : "raise";
      var frame = action === "lower" ? { type: "hand.lower" } : { type: "hand.raise", passage: $("passage").value };
      if (send(frame)) { ev.preventDefault(); }
    });
  }
  root.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-command]");
    if (!b) { return; }
    if (b.dataset.confirm && !window.confirm(b.dataset.confirm)) { return; }
    send({ type: b.dataset.command });
  });
  var pollForm = $("poll-form");
  if (pollForm) {
    pollForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var options = $("poll-options").value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      if (send({ type: "poll.open", question: $("poll-question").value, options: options })) { pollForm.reset(); }
    });
  }
  var groupsForm = $("groups-form");
  if (groupsForm) {
    groupsForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      send({ type: "groups.start", size: parseInt($("groups-size").value, 10), minutes: parseInt($("groups-minutes").value, 10) });
    });
  }
  var groupsChat = $("groups-chat");
  groupsChat.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var box = $("groups-text"), text = box.value.trim();
    if (text && send({ type: "groups.send", text: text, client_msg_id: newId() })) { box.value = ""; }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey && ev.key === "n" && state.you.moderator) { send({ type: "floor.next" }); }
  });

  outbox.forEach(showPending);
  if (window.WebSocket) { connect(); } else { fallback(); }
})();
