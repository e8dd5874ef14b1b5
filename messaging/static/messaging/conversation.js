/* Live conversation client: sends over the WebSocket, shows pending / sent /
 * failed, retries by itself, reconnects and asks the server for what it missed
 * (`sync`). Without this script the page still works as a form and a list.
 * Protocol: messaging/PROTOCOL.md. No dependency, no third-party request. */
(function () {
  "use strict";
  var root = document.getElementById("conversation");
  if (!root || !window.WebSocket) return;
  var list = document.getElementById("messages");
  var form = document.getElementById("send-form");
  var typingLine = document.getElementById("typing");
  var connection = document.getElementById("connection");
  var me = root.dataset.member;
  var zone = root.dataset.timeZone || "Europe/Paris";
  var french = (root.dataset.language || "fr").slice(0, 2) === "fr";
  var t = function (key) { return root.dataset["t" + key.charAt(0).toUpperCase() + key.slice(1)] || key; };
  var ws = null, open = false, closedForGood = false, backoff = 500;
  var outbox = new Map();          // client_id -> {body, sentAt}
  var lastSeq = 0, lastId = null;  // highest message number shown without a gap
  var reads = {};                  // member id -> seq read
  var typingTimer = null, lastTypingSent = 0, readTimer = null;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  // times as the server writes them (core's `when`): "14 h 05" / "14:05", in the
  // member's time zone, whatever the browser's clock says
  function parts(date, options) {
    var out = {};
    new Intl.DateTimeFormat(french ? "fr-FR" : "en-GB", Object.assign({ timeZone: zone }, options))
      .formatToParts(date).forEach(function (part) { out[part.type] = part.value; });
    return out;
  }
  function clock(date) {
    var p = parts(date, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    return french ? (+p.hour) + "\u00a0h\u00a0" + p.minute : p.hour + ":" + p.minute;
  }
  function dayKey(date) {
    var p = parts(date, { year: "numeric", month: "2-digit", day: "2-digit" });
    return p.year + "-" + p.month + "-" + p.day;
  }
  function dayWords(date) {
    var p = parts(date, { year: "numeric", month: "long", day: "numeric" });
    var day = french && p.day === "1" ? "1er" : p.day;
    return day + " " + p.month + " " + p.year;
  }
  function dayLabel(date) {
    var key = dayKey(date), now = new Date();
    if (key === dayKey(now)) return t("today");
    if (key === dayKey(new Date(now.getTime() - 86400000))) return t("yesterday");
    return dayWords(date);
  }
  function when(date) {
    return t("when").replace("%(date)s", dayWords(date)).replace("%(time)s", clock(date));
  }

  // links made clickable safely: text nodes and http(s) anchors only
  function fillBody(node, text) {
    node.textContent = "";
    text.split(/(https?:\/\/[^\s<>"]+)/g).forEach(function (part, index) {
      if (index % 2) {
        var a = document.createElement("a");
        a.href = part; a.rel = "nofollow noopener noreferrer"; a.textContent = part;
        node.appendChild(a);
      } else if (part) node.appendChild(document.createTextNode(part));
    });
  }

  function items() { return list.querySelectorAll("li.msg"); }

  function recompute() {
    var seqs = [];
    items().forEach(function (li) { if (li.dataset.seq) seqs.push([+li.dataset.seq, li.dataset.id]); });
    seqs.sort(function (a, b) { return a[0] - b[0]; });
    if (!seqs.length) return;
    var first = seqs[0][0];
    lastSeq = first - 1; lastId = null;
    // the page may show only the latest messages: count from the first one shown
    for (var i = 0; i < seqs.length && seqs[i][0] === lastSeq + 1; i++) { lastSeq = seqs[i][0]; lastId = seqs[i][1]; }
  }

  function setStatus(li, status, detail) {
    var node = li.querySelector(".status");
    if (!node) return;
    node.dataset.status = status;
    node.textContent = detail ? t(status) + " (" + detail + ")" : t(status);
    if (status === "failed" && !li.querySelector("button.retry")) {
      var button = document.createElement("button");
      button.type = "button"; button.className = "btn btn-link btn-sm p-0 retry"; button.textContent = t("retry");
      button.addEventListener("click", function () { button.remove(); retry(li.dataset.clientId); });
      node.after(" ", button);
    }
  }

  function build(frame) {
    var li = document.createElement("li");
    var mine = frame.author && frame.author.id === me;
    var system = frame.kind === "system";
    li.className = "msg " + (system ? "system" : mine ? "mine" : "theirs");
    var bubble = document.createElement("div"); bubble.className = "bubble";
    if (!system) {
      var author = document.createElement("p");
      author.className = mine ? "author visually-hidden" : "author";
      author.textContent = mine ? t("you") : (frame.author ? frame.author.name : "");
      bubble.append(author);
    }
    var body = document.createElement("p"); body.className = "body";
    var meta = document.createElement("p"); meta.className = "meta";
    var time = document.createElement("time");
    var created = frame.created ? new Date(frame.created) : new Date();
    time.dateTime = created.toISOString();
    time.textContent = clock(created);
    time.title = when(created);
    li.dataset.day = dayKey(created);
    meta.append(time);
    if (mine) {
      var status = document.createElement("span"); status.className = "status";
      meta.append(" ", status);
    }
    bubble.append(body, meta);
    li.append(bubble);
    return li;
  }

  function render(li, frame) {
    if (frame.id) { li.id = "m-" + frame.id; li.dataset.id = frame.id; }
    if (frame.seq) li.dataset.seq = frame.seq;
    if (frame.client_id) li.dataset.clientId = frame.client_id;
    var body = li.querySelector(".body");
    if (frame.deleted) {
      body.textContent = t("deleted"); body.className = "body trace deleted";
      li.querySelectorAll(".message-tools, .attachments, .edited").forEach(function (n) { n.remove(); });
    } else if (frame.body !== undefined) fillBody(body, frame.body);
    if (frame.attachments && frame.attachments.length && !li.querySelector(".attachments") && !frame.deleted) {
      var files = document.createElement("ul"); files.className = "attachments";
      frame.attachments.forEach(function (file) {
        var item = document.createElement("li"), a = document.createElement("a");
        a.href = file.url; a.textContent = file.name; item.append(a); files.append(item);
      });
      body.after(files);
    }
    var meta = li.querySelector(".meta");
    if (frame.edited && !frame.deleted && !meta.querySelector(".edited")) {
      var edited = document.createElement("span"); edited.className = "trace edited"; edited.textContent = t("edited");
      meta.querySelector("time").after(" ", edited);
    }
  }

  // a day separator before the first message of each day (the member's calendar)
  function separate(li) {
    var day = li.dataset.day;
    if (!day) return;
    var previous = li.previousElementSibling;
    while (previous && !previous.classList.contains("msg") && !previous.classList.contains("day-separator")) previous = previous.previousElementSibling;
    var previousDay = previous && (previous.classList.contains("day-separator") ? previous.dataset.day : msgDay(previous));
    if (previousDay === day) return;
    var separator = document.createElement("li");
    separator.className = "day-separator"; separator.dataset.day = day;
    var time = document.createElement("time"); time.dateTime = day;
    time.textContent = dayLabel(new Date(li.querySelector("time").dateTime));
    separator.append(time);
    li.before(separator);
  }
  function msgDay(li) {
    if (li.dataset.day) return li.dataset.day;
    var time = li.querySelector("time");
    return time ? dayKey(new Date(time.dateTime)) : null;
  }

  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
  }
  function toBottom() { window.scrollTo(0, document.documentElement.scrollHeight); }

  function insert(li) {
    var stick = nearBottom() || li.classList.contains("mine");
    var seq = +li.dataset.seq, after = null;
    items().forEach(function (other) { if (other !== li && other.dataset.seq && +other.dataset.seq < seq) after = other; });
    if (!seq) list.appendChild(li);
    else if (after) after.after(li);
    else list.insertBefore(li, list.firstChild);
    separate(li);
    var note = document.getElementById("new"); if (note) note.hidden = true;
    if (stick) toBottom();
  }

  function onMessage(frame) {
    var li = document.getElementById("m-" + frame.id) ||
      (frame.client_id && list.querySelector('li[data-client-id="' + frame.client_id + '"]'));
    if (!li) { li = build(frame); render(li, frame); insert(li); }
    else render(li, frame);
    if (frame.author && frame.author.id === me && frame.client_id) {
      outbox.delete(frame.client_id);
      setStatus(li, isRead(+frame.seq) ? "read" : "sent");
    }
    var before = lastSeq;
    recompute();
    if (frame.seq > before + 1 && lastSeq < frame.seq) sync();  // a frame was lost: catch up
    scheduleRead();
  }

  function isRead(seq) {
    return Object.keys(reads).some(function (member) { return member !== me && reads[member] >= seq; });
  }

  function onRead(frame) {
    reads[frame.member.id] = frame.seq;
    var row = document.querySelector('#receipts li[data-member="' + frame.member.id + '"]');
    if (row) { row.dataset.seq = frame.seq; }
    list.querySelectorAll("li.msg.mine").forEach(function (li) {
      if (+li.dataset.seq && isRead(+li.dataset.seq)) setStatus(li, "read");
    });
  }

  function onTyping(frame) {
    typingLine.textContent = t("typing").replace("{name}", frame.member.name);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingLine.textContent = ""; }, 3000);
  }

  function onError(frame) {
    if (!frame.client_id) return;
    var li = list.querySelector('li[data-client-id="' + frame.client_id + '"]');
    if (frame.code === "rate_limited") {  // not stored: try again shortly
      setTimeout(function () { retry(frame.client_id); }, 2000);
      return;
    }
    outbox.delete(frame.client_id);
    if (li) setStatus(li, "failed", frame.detail);
  }

  function send(clientId) {
    var item = outbox.get(clientId);
    if (!item || !open) return;
    item.sentAt = Date.now();
    ws.send(JSON.stringify({ type: "send", client_id: clientId, body: item.body }));
  }

  function retry(clientId) {
    var li = list.querySelector('li[data-client-id="' + clientId + '"]');
    if (!outbox.has(clientId) && li) outbox.set(clientId, { body: li.querySelector(".body").textContent, sentAt: 0 });
    if (li) setStatus(li, "pending");
    send(clientId);
  }

  function sync() { if (open) ws.send(JSON.stringify({ type: "sync", after: lastId })); }

  function scheduleRead() {
    clearTimeout(readTimer);
    readTimer = setTimeout(function () {
      if (open && lastId && document.visibilityState === "visible" && lastSeq > (reads[me] || 0)) {
        reads[me] = lastSeq;
        ws.send(JSON.stringify({ type: "read", up_to: lastId }));
      }
    }, 300);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + location.host + root.dataset.wsPath);
    ws.onopen = function () {
      open = true; backoff = 500;
      if (connection) connection.textContent = t("live");
      recompute(); sync();
      outbox.forEach(function (_, clientId) { send(clientId); });
    };
    ws.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === "message") onMessage(frame);
      else if (frame.type === "ack") {
        var li = list.querySelector('li[data-client-id="' + frame.client_id + '"]');
        outbox.delete(frame.client_id);
        if (li) { li.dataset.id = frame.id; li.id = "m-" + frame.id; li.dataset.seq = frame.seq; setStatus(li, isRead(frame.seq) ? "read" : "sent"); insert(li); recompute(); }
      } else if (frame.type === "read") onRead(frame);
      else if (frame.type === "typing") onTyping(frame);
      else if (frame.type === "error") onError(frame);
    };
    ws.onclose = function (event) {
      open = false;
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) {
        closedForGood = true;
        if (connection) connection.textContent = t("closed");
        if (form) form.querySelector("button[type=submit]").disabled = true;
        return;
      }
      if (connection) connection.textContent = t("offline");
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    };
  }

  // what the server rendered: read positions and the state of one's own messages
  document.querySelectorAll("#receipts li").forEach(function (row) { reads[row.dataset.member] = +row.dataset.seq; });
  list.querySelectorAll("li.msg.mine").forEach(function (li) { if (isRead(+li.dataset.seq)) setStatus(li, "read"); });

  if (form && root.dataset.readOnly !== "true") {
    var textarea = form.querySelector("textarea");
    var file = form.querySelector("input[type=file]");
    form.addEventListener("submit", function (event) {
      if ((file && file.files.length) || closedForGood) return;  // files go through the plain form
      event.preventDefault();
      var body = textarea.value;
      if (!body.trim()) return;
      var clientId = uuid();
      var li = build({ author: { id: me, name: root.dataset.meName || "" }, kind: "text", client_id: clientId });
      render(li, { client_id: clientId, body: body });
      insert(li);
      setStatus(li, "pending");
      outbox.set(clientId, { body: body, sentAt: 0 });
      send(clientId);
      textarea.value = "";
      textarea.focus();
    });
    // Enter sends, Shift+Enter goes to a new line (not while an input method composes)
    textarea.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.querySelector("button[type=submit]").click();
    });
    var hint = document.getElementById("send-hint"); if (hint) hint.hidden = false;
    textarea.addEventListener("input", function () {
      if (open && Date.now() - lastTypingSent > 2000) {
        lastTypingSent = Date.now();
        ws.send(JSON.stringify({ type: "typing" }));
      }
    });
    // a message without an ack after 5 seconds is sent again (same client_id)
    setInterval(function () {
      outbox.forEach(function (item, clientId) {
        if (open && item.sentAt && Date.now() - item.sentAt > 5000) send(clientId);
      });
    }, 1000);
  }
  document.addEventListener("visibilitychange", scheduleRead);
  window.addEventListener("focus", scheduleRead);
  recompute();
  if (!location.hash || location.hash === "#send-form") toBottom();
  connect();
})();
