/* Live replies on an open thread page (protocol in docs/spaces.md).
 * The page works without this file: it only adds posts others send, and shows
 * a post a moderator hid, as they happen. Text is inserted as text, never HTML. */
(function () {
  "use strict";
  var root = document.getElementById("posts");
  if (!root || !root.dataset.socket || !window.WebSocket) return;
  var backoff = 500;
  var closedForGood = false;

  function paragraphs(target, text) {
    text.split(/\n{2,}/).forEach(function (chunk) {
      var p = document.createElement("p");
      chunk.split("\n").forEach(function (line, index) {
        if (index) p.appendChild(document.createElement("br"));
        p.appendChild(document.createTextNode(line));
      });
      target.appendChild(p);
    });
  }

  function render(post) {
    var article = document.createElement("article");
    article.className = "card mb-3 space-post";
    article.id = "post-" + post.id;
    article.dataset.postId = post.id;
    var body = document.createElement("div");
    body.className = "card-body";
    var head = document.createElement("div");
    head.className = "d-flex flex-wrap justify-content-between gap-2 small text-body-secondary mb-2";
    var author = document.createElement("span");
    author.className = "post-author fw-semibold text-body";
    author.textContent = post.author ? post.author.name : "";
    var time = document.createElement("time");
    time.dateTime = post.created;
    time.textContent = new Date(post.created).toLocaleString(document.documentElement.lang || undefined);
    head.appendChild(author);
    head.appendChild(time);
    body.appendChild(head);
    fill(body, post);
    note(body);
    article.appendChild(body);
    return article;
  }

  function fill(body, post) {
    if (post.hidden) {
      var hidden = document.createElement("p");
      hidden.className = "post-hidden fst-italic mb-1";
      hidden.appendChild(document.createTextNode(root.dataset.hiddenLabel + " "));
      var reason = document.createElement("span");
      reason.className = "hidden-reason";
      reason.textContent = post.hidden_reason;
      hidden.appendChild(reason);
      body.appendChild(hidden);
      return;
    }
    var text = document.createElement("div");
    text.className = "post-body";
    paragraphs(text, post.body);
    body.appendChild(text);
    if (post.attachments && post.attachments.length) {
      var list = document.createElement("ul");
      list.className = "list-unstyled small";
      post.attachments.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.name;
        li.appendChild(link);
        list.appendChild(li);
      });
      body.appendChild(list);
    }
  }

  function note(body) {
    var hint = document.createElement("p");
    hint.className = "small text-body-secondary mb-0 live-hint";
    hint.textContent = root.dataset.reloadLabel;
    body.appendChild(hint);
  }

  function update(post) {
    var existing = document.getElementById("post-" + post.id);
    if (!existing) {
      root.appendChild(render(post));
      return;
    }
    // hidden, or shown again: the text changes in place (actions come back on reload)
    var body = existing.querySelector(".card-body");
    Array.prototype.slice.call(body.children, 1).forEach(function (child) { child.remove(); });
    fill(body, post);
    note(body);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var ws = new WebSocket(scheme + location.host + root.dataset.socket);
    ws.onopen = function () { backoff = 500; root.dataset.live = "1"; };
    ws.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "post") update(frame.post);
    };
    ws.onclose = function (event) {
      root.dataset.live = "0";
      // 4401, 4403, 4404: no access (any more); do not retry
      if (event.code >= 4400 && event.code < 4500) { closedForGood = true; root.dataset.closed = String(event.code); return; }
      if (!closedForGood) { setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 15000); }
    };
  }
  connect();
})();
