// The chat page. Every text from the network goes into the page through textContent, never
// innerHTML: "<img src=x onerror=...>" is shown as those characters, not run. The page's
// Content-Security-Policy (script-src 'self', no inline code) is the second wall behind it.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const MAX_BACKOFF_MS = 30000;
  const state = {
    ws: null,
    room: null,
    nick: null,
    lastId: null,          // the highest message id seen in the room: resume from it
    attempt: 0,            // reconnect attempts since the last successful join
    pending: new Map(),    // ref -> {text, li}: sent, not yet acknowledged (sent again after a reconnect)
    joinedOnce: false,
  };

  // A ref names one message of ours: 16 random base64url characters (96 bits).
  function newRef() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_');
  }

  function setStatus(kind, text) {
    const s = $('status');
    s.dataset.state = kind;
    s.textContent = text;
  }

  function notice(text) {
    $('notice').textContent = text || '';
  }

  function timeOf(ts) {
    const t = document.createElement('time');
    const d = new Date(ts);
    t.dateTime = d.toISOString();
    t.textContent = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return t;
  }

  function line(className) {
    const li = document.createElement('li');
    if (className) li.className = className;
    const list = $('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(li);
    if (atBottom) list.scrollTop = list.scrollHeight;
    return li;
  }

  function showMessage(m) {
    // no duplicate: ids only grow within a room, so anything at or below lastId was shown already
    if (state.lastId !== null && m.id <= state.lastId) return;
    state.lastId = m.id;
    const li = line();
    li.dataset.id = String(m.id);
    const nick = document.createElement('span');
    nick.className = 'nick';
    nick.textContent = m.nick;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    li.append(timeOf(m.ts), nick, text);
  }

  function showSystem(text) {
    line('system').textContent = text;
  }

  function showMembers(members) {
    const ul = $('members');
    ul.replaceChildren(...members.map((n) => {
      const li = document.createElement('li');
      li.textContent = n;
      return li;
    }));
  }

  function send(obj) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(obj));
      return true;
    }
    return false;
  }

  function join() {
    const msg = { type: 'join', room: state.room, nick: state.nick };
    if (state.lastId !== null) msg.since = state.lastId; // resume: exactly what came after
    send(msg);
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const ws = new WebSocket(scheme + location.host + '/chat');
    state.ws = ws;
    setStatus('connecting', 'connecting…');
    ws.onopen = () => {
      setStatus('online', 'online');
      if (state.room) join();
    };
    ws.onmessage = (event) => {
      let m;
      try { m = JSON.parse(event.data); } catch { return; }
      receive(m);
    };
    ws.onclose = (event) => {
      state.ws = null;
      if (event.code === 1008) { // policy: do not hammer a server that refused us on purpose
        setStatus('offline', 'offline');
        notice('the server refused the connection: ' + (event.reason || event.code));
        return;
      }
      // exponential backoff with full jitter: 0.5 s, 1 s, 2 s, ... up to 30 s, each a random share
      const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** state.attempt);
      const delay = Math.round(ceiling * (0.5 + Math.random() / 2));
      state.attempt++;
      setStatus('reconnecting', 'reconnecting in ' + Math.ceil(delay / 1000) + ' s');
      setTimeout(connect, delay);
    };
  }

  function receive(m) {
    switch (m.type) {
      case 'joined':
        state.attempt = 0;
        $('room-title').textContent = '#' + m.room + ' as ' + m.nick;
        showMembers(m.members);
        if (m.gap) showSystem('(older messages were missed while away)');
        if (!state.joinedOnce) showSystem('you joined #' + m.room);
        state.joinedOnce = true;
        $('chat').hidden = false;
        $('people').hidden = false;
        notice('');
        // whatever was not acknowledged goes again under the same ref: stored at most once
        for (const [ref, p] of state.pending) send({ type: 'send', room: state.room, text: p.text, ref });
        break;
      case 'message':
        if (m.room === state.room) showMessage(m);
        break;
      case 'ack': {
        const p = state.pending.get(m.ref);
        if (p) { p.li.remove(); state.pending.delete(m.ref); }
        break;
      }
      case 'presence':
        if (m.room !== state.room) break;
        showMembers(m.members);
        if (m.nick !== state.nick) showSystem(m.nick + (m.event === 'join' ? ' joined' : ' left'));
        break;
      case 'error':
        onError(m);
        break;
      default:
        break;
    }
  }

  function onError(m) {
    if (m.code === 'rate_limited' && m.ref && state.pending.has(m.ref)) {
      const p = state.pending.get(m.ref);
      setTimeout(() => send({ type: 'send', room: state.room, text: p.text, ref: m.ref }), 1000);
      notice('slow down a little');
      return;
    }
    if (m.code === 'nick_taken' && state.joinedOnce) {
      // our own earlier connection may not be gone yet on the server: try again shortly
      setTimeout(join, 700);
      return;
    }
    if (m.ref && state.pending.has(m.ref) && m.code !== 'unavailable') {
      state.pending.get(m.ref).li.remove();
      state.pending.delete(m.ref);
    }
    notice(m.message + ' (' + m.code + ')');
  }

  $('join').addEventListener('submit', (e) => {
    e.preventDefault();
    state.room = $('room').value.trim();
    state.nick = $('nick').value.trim();
    state.lastId = null;
    state.joinedOnce = false;
    $('messages').replaceChildren();
    sessionStorage.setItem('chat', JSON.stringify({ room: state.room, nick: state.nick }));
    if (!send({ type: 'join', room: state.room, nick: state.nick })) notice('not connected yet: joining once online');
  });

  function sendText() {
    const text = $('text').value;
    if (!text.trim() || !state.room) return;
    const ref = newRef();
    const li = line('pending');
    li.textContent = text; // shown dimmed until the server has stored it
    state.pending.set(ref, { text, li });
    send({ type: 'send', room: state.room, text, ref });
    $('text').value = '';
  }

  $('composer').addEventListener('submit', (e) => { e.preventDefault(); sendText(); });
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); sendText(); }
  });

  // a reload comes back to the same room under the same name; the history is replayed on join
  try {
    const saved = JSON.parse(sessionStorage.getItem('chat') || 'null');
    if (saved) {
      $('room').value = saved.room;
      $('nick').value = saved.nick;
      state.room = saved.room;
      state.nick = saved.nick;
      state.joinedOnce = true;
    }
  } catch { /* nothing saved */ }
  connect();
})();
