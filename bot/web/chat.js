/* Chat widget for the Probation Careers Advisor (Rasa REST channel).
 *
 * Everything the visitor or the bot writes is shown as text (textContent and
 * DOM nodes), never as HTML. The conversation id and the transcript live in
 * sessionStorage, so a reload shows the conversation and carries it on.
 *
 * Where messages go: the data-bot-url attribute of #chat, or ?bot=URL in the
 * page address when that URL is on this machine (loopback only; for tests).
 */
(function () {
  "use strict";

  var STORE = "pca.chat.v1";
  var TIMEOUT_MS = 30000;
  var MAX_LENGTH = 1000;
  var DOWN_TEXT = "Sorry, the advisor can't be reached right now.";
  var GREETING = "/greet";

  var root = document.getElementById("chat");
  if (!root) { return; }
  var launcher = document.getElementById("chat-launcher");
  var panel = document.getElementById("chat-panel");
  var closeButton = document.getElementById("chat-close");
  var restartButton = document.getElementById("chat-restart");
  var log = document.getElementById("chat-log");
  var typing = document.getElementById("chat-typing");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var count = document.getElementById("chat-count");

  var botUrl = chooseBotUrl(root.getAttribute("data-bot-url") || "http://127.0.0.1:5005");
  var state = loadState();
  var busy = false;

  // --- where to send messages ---------------------------------------------

  function isLoopback(host) {
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  }

  function chooseBotUrl(fallback) {
    var asked = null;
    try { asked = new URLSearchParams(window.location.search).get("bot"); } catch (e) { asked = null; }
    if (asked) {
      try {
        var url = new URL(asked);
        if ((url.protocol === "http:" || url.protocol === "https:") && isLoopback(url.hostname) &&
            !url.username && !url.password) {
          return url.origin;
        }
      } catch (e) { /* not a URL: ignore it */ }
    }
    return fallback.replace(/\/+$/, "");
  }

  // --- state in sessionStorage --------------------------------------------

  function newSenderId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function freshState() {
    // messages: {from: "user"|"bot", text, buttons?: [{title, payload}]}
    // pending: the last message sent and not yet answered ({text, payload}).
    return { sender: newSenderId(), open: false, messages: [], pending: null, failed: false };
  }

  function loadState() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORE) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) {
        return saved;
      }
    } catch (e) { /* storage unavailable or corrupt: start again */ }
    return freshState();
  }

  function saveState() {
    try { window.sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // --- rendering: text only -------------------------------------------------

  // http(s) URLs, e-mail addresses and UK phone numbers (0808 164 9883, +44 ...).
  var LINKABLE = /(https?:\/\/[^\s<>"']+)|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})|((?:\+44\s?|\b0)\d{2,4}(?:[ -]?\d{3,4}){1,2}\b)/g;

  function appendLinked(parent, text) {
    var last = 0;
    var match;
    LINKABLE.lastIndex = 0;
    while ((match = LINKABLE.exec(text)) !== null) {
      var found = match[0];
      var href = null;
      if (match[1]) {
        found = found.replace(/[.,;:!?)\]]+$/, "");  // trailing punctuation is not the URL's
        href = found;
      } else if (match[2]) {
        href = "mailto:" + found;
      } else {
        var digits = found.replace(/[^\d+]/g, "");
        var national = digits.replace(/^\+44/, "0");
        if (national.length >= 10 && national.length <= 11) { href = "tel:" + digits; }
      }
      if (!href) { continue; }
      if (match.index > last) {
        parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      var a = document.createElement("a");
      a.href = href;
      a.textContent = found;
      if (match[1]) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
      parent.appendChild(a);
      last = match.index + found.length;
      LINKABLE.lastIndex = last;
    }
    if (last < text.length) {
      parent.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  // One paragraph of bot text: lines starting "- " or "• " become a list.
  var BULLET = /^\s*[-\u2022*]\s+/;

  function appendBlocks(parent, para) {
    var lines = para.split("\n");
    var textLines = [];
    var list = null;
    function flushText() {
      if (textLines.length) {
        var p = document.createElement("p");
        appendLinked(p, textLines.join("\n"));
        parent.appendChild(p);
        textLines = [];
      }
    }
    lines.forEach(function (line) {
      if (BULLET.test(line)) {
        flushText();
        if (!list) { list = document.createElement("ul"); parent.appendChild(list); }
        var li = document.createElement("li");
        appendLinked(li, line.replace(BULLET, ""));
        list.appendChild(li);
      } else {
        list = null;
        textLines.push(line);
      }
    });
    flushText();
  }

  function speakerLabel(who) {
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = who === "user" ? "You said: " : "Advisor: ";
    return label;
  }

  function renderMessage(message, active) {
    var item = document.createElement("div");
    item.className = "chat-msg chat-msg-" + (message.from === "user" ? "user" : "bot");
    var text = String(message.text || "");
    var paragraphs = text.split(/\n\s*\n/).filter(function (p) { return p.trim() !== ""; });
    if (paragraphs.length === 0 && (!message.buttons || message.buttons.length === 0)) {
      paragraphs = [text];
    }
    item.appendChild(speakerLabel(message.from));
    paragraphs.forEach(function (para) {
      if (message.from === "user") {
        var p = document.createElement("p");
        p.appendChild(document.createTextNode(para));
        item.appendChild(p);
      } else {
        appendBlocks(item, para.replace(/^\n+|\n+$/g, ""));
      }
    });
    if (message.buttons && message.buttons.length) {
      var group = document.createElement("div");
      group.className = "chat-choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggested replies");
      message.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "chat-choice";
        button.textContent = String(b.title || b.payload || "");
        button.disabled = !active;
        button.addEventListener("click", function () {
          if (busy || button.disabled) { return; }
          send(String(b.title || b.payload || ""), String(b.payload || b.title || ""), true);
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    return item;
  }

  function renderError() {
    removeError();
    var item = document.createElement("div");
    item.className = "chat-msg chat-msg-error";
    item.id = "chat-error";
    var p = document.createElement("p");
    p.textContent = DOWN_TEXT;
    item.appendChild(p);
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "chat-retry";
    retry.id = "chat-retry";
    retry.textContent = "Retry";
    retry.addEventListener("click", function () { resend(); });
    item.appendChild(retry);
    log.appendChild(item);
    return retry;
  }

  function removeError() {
    var old = document.getElementById("chat-error");
    if (old) { old.parentNode.removeChild(old); }
  }

  function renderAll() {
    while (log.firstChild) { log.removeChild(log.firstChild); }
    var lastUser = -1;
    state.messages.forEach(function (m, i) { if (m.from === "user") { lastUser = i; } });
    state.messages.forEach(function (m, i) { renderMessage(m, i > lastUser && !state.pending); });
    if (state.failed && state.pending) { renderError(); }
    scrollToEnd();
  }

  function disableChoices() {
    var buttons = log.querySelectorAll(".chat-choice");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  // A long reply is read from its start: scroll to the end, but never past
  // the top of the reply's first message (with a little of the question above).
  function scrollToReply(first) {
    scrollToEnd();
    if (first) {
      var top = first.offsetTop - log.offsetTop - 48;
      if (log.scrollTop > top) { log.scrollTop = Math.max(0, top); }
    }
  }

  function setBusy(on) {
    busy = on;
    root.classList.toggle("is-busy", on);
    log.setAttribute("aria-busy", on ? "true" : "false");
    typing.textContent = on ? "The advisor is typing\u2026" : "";
    typing.classList.toggle("is-visible", on);
  }

  // --- talking to the bot ---------------------------------------------------

  function post(payload) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return window.fetch(botUrl + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: payload }),
      credentials: "omit",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (replies) {
      if (!Array.isArray(replies)) { throw new Error("unexpected reply"); }
      return replies;
    }).finally(function () {
      if (timer) { window.clearTimeout(timer); }
    });
  }

  function deliver(fromChoice) {
    var pending = state.pending;
    setBusy(true);
    removeError();
    return post(pending.payload).then(function (replies) {
      var added = [];
      replies.forEach(function (r) {
        var buttons = Array.isArray(r.buttons) ? r.buttons.filter(function (b) {
          return b && (b.title || b.payload);
        }).map(function (b) {
          return { title: String(b.title || b.payload), payload: String(b.payload || b.title) };
        }) : [];
        if (typeof r.text === "string" && r.text !== "" || buttons.length) {
          var message = { from: "bot", text: typeof r.text === "string" ? r.text : "" };
          if (buttons.length) { message.buttons = buttons; }
          added.push(message);
        }
      });
      state.messages = state.messages.concat(added);
      state.pending = null;
      state.failed = false;
      saveState();
      setBusy(false);
      var firstChoice = null;
      var firstNode = null;
      added.forEach(function (m) {
        var node = renderMessage(m, true);
        firstNode = firstNode || node;
        if (!firstChoice) { firstChoice = node.querySelector(".chat-choice"); }
      });
      scrollToReply(firstNode);
      // Focus: a choice just clicked has gone, so move to the next choices
      // (or the input); a typed message leaves focus in the input.
      if (fromChoice) {
        (firstChoice || input).focus();
      }
    }).catch(function () {
      state.failed = true;
      saveState();
      setBusy(false);
      var retry = renderError();
      scrollToEnd();
      if (fromChoice || document.activeElement === document.body) { retry.focus(); }
    });
  }

  var greeting = null;   // the promise of the opening greeting, while it runs

  function send(shown, payload, fromChoice, silent) {
    if (busy) { return null; }
    shown = shown.slice(0, MAX_LENGTH);
    payload = payload.slice(0, MAX_LENGTH);
    if (!payload.trim()) { return null; }
    if (state.pending) {          // an unanswered message: a new one replaces it
      state.pending = null;
      state.failed = false;
      removeError();
    }
    disableChoices();
    if (!silent) {
      var message = { from: "user", text: shown };
      state.messages.push(message);
      renderMessage(message, false);
      scrollToEnd();
    }
    state.pending = { text: shown, payload: payload, silent: !!silent };
    state.failed = false;
    saveState();
    return deliver(fromChoice);
  }

  function greet() {
    // The bot's own greeting (with its suggested replies) opens the chat; the
    // visitor didn't type it, so it isn't shown as theirs.
    greeting = send("", GREETING, false, true);
    if (greeting) {
      greeting.then(function () { greeting = null; });
    }
  }

  function resend() {
    if (busy || !state.pending) { return; }
    var retry = document.getElementById("chat-retry");
    var hadFocus = retry && document.activeElement === retry;
    deliver(false);              // removes the Retry button while it tries
    if (hadFocus) { input.focus(); }
  }

  // --- opening, closing, typing ---------------------------------------------

  function openPanel(focusInput) {
    state.open = true;
    saveState();
    panel.hidden = false;
    root.classList.add("is-open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.hidden = true;
    scrollToEnd();
    if (focusInput) { input.focus(); }
    if (state.messages.length === 0 && !state.pending) { greet(); }
  }

  function closePanel() {
    state.open = false;
    saveState();
    panel.hidden = true;
    root.classList.remove("is-open");
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  function restart() {
    if (busy) { return; }
    state = freshState();
    state.open = true;
    saveState();
    renderAll();
    input.value = "";
    updateCount();
    input.focus();
    greet();
  }

  function updateCount() {
    var left = MAX_LENGTH - input.value.length;
    count.textContent = left <= 100 ? left + " characters left." : "";
  }

  launcher.addEventListener("click", function () { openPanel(true); });
  closeButton.addEventListener("click", closePanel);
  restartButton.addEventListener("click", restart);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePanel(); }
  });
  input.addEventListener("input", updateCount);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    if (busy && !greeting) { return; }   // wait for the answer; the text stays in the box
    input.value = "";
    updateCount();
    input.focus();
    if (greeting) {                      // typed before the greeting arrived: send it next
      greeting.then(function () { send(text, text, false); });
    } else {
      send(text, text, false);
    }
  });

  // --- start: show what this tab already said -------------------------------

  input.setAttribute("maxlength", String(MAX_LENGTH));
  renderAll();
  if (state.pending && !state.failed) {
    if (state.pending.silent) {
      // Reloaded during the greeting: just greet again below.
      state.pending = null;
    } else {
      // Reloaded while waiting: the answer is lost, so offer to send it again.
      state.failed = true;
      renderError();
    }
    saveState();
  }
  if (state.open) {
    panel.hidden = false;
    root.classList.add("is-open");
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    scrollToEnd();
    if (state.messages.length === 0 && !state.pending) { greet(); }
  }
})();
