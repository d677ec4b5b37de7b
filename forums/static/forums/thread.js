/* Live updates of a thread page. Small, hand-written, no library; the page works fully without it.
 *
 * Listens on /ws/threads/<id>/ for {type: "post.created", post_id, root_id, url}. Each new
 * contribution's HTML is fetched over HTTP (the server applies the same access rules as the page)
 * and inserted where it belongs when this is the last page of a conversation ordered by time;
 * otherwise the member is told "N new contributions" with a link. Reconnects with backoff and
 * jitter, asking for what it missed with ?after=<last id seen>. First, it sends the page's
 * "Mark as read" form in the background.
 */
(function () {
  "use strict";
  // What this page shows is read: tell the server with the page's own "Mark as read" form (a POST;
  // reading the page writes nothing). Without JavaScript the button does the same.
  var read = document.getElementById("thread-read");
  if (!read || !window.fetch || !window.FormData) return;
  fetch(read.action, {
    method: "POST",
    body: new FormData(read),
    credentials: "same-origin",
    headers: { "X-Requested-With": "fetch" }
  })
    .then(function (response) { if (response.ok) read.hidden = true; })
    .catch(function () { /* the button is still there */ });
})();

(function () {
  "use strict";
  var news = document.getElementById("thread-live");
  var list = document.getElementById("posts");
  if (!news || !list || !window.WebSocket || !window.fetch) return;

  var lastId = parseInt(news.getAttribute("data-last-post"), 10) || 0;
  var canAppend = news.getAttribute("data-append") === "1";
  var fresh = 0;
  var firstFresh = null;
  var attempt = 0;
  var socket = null;
  var pinger = null;

  function say() {
    var text = fresh === 1 ? news.getAttribute("data-one")
      : news.getAttribute("data-many").replace("%(n)s", String(fresh));
    news.textContent = text + " ";
    var link = document.createElement("a");
    link.href = firstFresh ? "#post-" + firstFresh : news.getAttribute("data-unread-url");
    link.textContent = news.getAttribute("data-show");
    news.appendChild(link);
    news.hidden = false;
  }

  function place(html, frame) {
    var holder = document.createElement("li");
    holder.innerHTML = html;
    holder.className = "is-new";
    var root = frame.root_id && document.getElementById("post-" + frame.root_id);
    if (root) {
      var item = root.parentNode;
      var replies = item.querySelector(":scope > ol.replies");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "plain replies";
        item.appendChild(replies);
      }
      replies.appendChild(holder);
      return true;
    }
    if (!frame.root_id && canAppend) {
      var empty = list.querySelector(":scope > li.meta");
      if (empty) empty.remove();
      list.appendChild(holder);
      return true;
    }
    return false;
  }

  function arrived(frame) {
    if (frame.post_id > lastId) lastId = frame.post_id;
    if (document.getElementById("post-" + frame.post_id)) return; // already on the page (our own)
    fetch(frame.url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || document.getElementById("post-" + frame.post_id)) return;
        var shown = place(html, frame);
        fresh += 1;
        if (shown && !firstFresh) firstFresh = frame.post_id;
        say();
      })
      .catch(function () { /* the next page load shows it */ });
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + news.getAttribute("data-ws") + "?after=" + lastId);
    socket.onopen = function () {
      attempt = 0;
      pinger = setInterval(function () {
        if (socket.readyState === 1) socket.send('{"type":"ping"}');
      }, 25000);
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "post.created") arrived(frame);
    };
    socket.onclose = function (event) {
      clearInterval(pinger);
      if (event.code >= 4400 && event.code < 4500) return; // refused: not for this member
      attempt = Math.min(attempt + 1, 6);
      var delay = Math.pow(2, attempt) * 500 * (0.5 + Math.random());
      setTimeout(connect, delay);
    };
  }

  connect();
})();
