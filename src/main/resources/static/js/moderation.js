// The moderation pages' enhancements: confirmation before destructive actions, countdowns that keep time, reply
// templates filling the reply box, keyboard shortcuts (documented on the inbox, can be switched off) and live rows
// for newly flagged posts (server-sent events). Every action works without this script.
(function () {
  'use strict';

  // Confirmation: forms with data-confirm ask first; the action form asks for the actions it names.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    var destructive = form.getAttribute('data-confirm-destructive');
    if (!question && destructive) {
      var chosen = form.querySelector('input[name=action]:checked');
      if (chosen && destructive.split(',').indexOf(chosen.value) >= 0) {
        question = 'Are you sure? "' + form.querySelector('label[for=' + chosen.id + ']').textContent + '" is recorded against your name.';
      }
    }
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Countdowns: <time class="countdown" data-due="epoch ms"> says how far off the due time is, every 30 s.
  function words(ms) {
    var past = ms < 0, size = Math.abs(ms), minutes = Math.floor(size / 60000), text;
    if (minutes < 1) { return 'now'; }
    if (minutes < 60) { text = minutes + (minutes === 1 ? ' minute' : ' minutes'); }
    else if (minutes < 2880) { var h = Math.floor(minutes / 60); text = h + (h === 1 ? ' hour' : ' hours'); }
    else { var d = Math.floor(minutes / 1440); text = d + (d === 1 ? ' day' : ' days'); }
    return past ? text + ' ago' : 'in ' + text;
  }
  function tick() {
    document.querySelectorAll('time.countdown[data-due]').forEach(function (element) {
      element.textContent = words(parseInt(element.getAttribute('data-due'), 10) - Date.now());
    });
  }
  setInterval(tick, 30000);

  // Reply templates: choosing one fills the reply box (the server uses the template's text when the box is empty).
  var template = document.getElementById('template');
  var reply = document.getElementById('reply');
  if (template && reply) {
    template.addEventListener('change', function () {
      var option = template.options[template.selectedIndex];
      if (option && option.getAttribute('data-text')) { reply.value = option.getAttribute('data-text'); }
    });
  }

  var rows = document.getElementById('inbox-rows');
  if (!rows) { return; }

  // Keyboard shortcuts on the inbox.
  var toggle = document.getElementById('shortcuts-on');
  var stored = window.localStorage ? window.localStorage.getItem('hallmonitor.shortcuts') : null;
  if (toggle) {
    toggle.checked = stored !== 'off';
    toggle.addEventListener('change', function () {
      if (window.localStorage) { window.localStorage.setItem('hallmonitor.shortcuts', toggle.checked ? 'on' : 'off'); }
    });
  }
  function postRows() { return Array.prototype.slice.call(rows.querySelectorAll('tr.post-row')); }
  function current() {
    var active = document.activeElement;
    return active ? active.closest('tr.post-row') : null;
  }
  function focusRow(row) {
    if (!row) { return; }
    var link = row.querySelector('a.open-post');
    if (link) { link.focus(); }
    postRows().forEach(function (r) { r.classList.toggle('selected', r === row); });
  }
  document.addEventListener('keydown', function (event) {
    if (toggle && !toggle.checked) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) { return; }
    var all = postRows(), row = current(), index = row ? all.indexOf(row) : -1;
    switch (event.key) {
      case 'j': focusRow(all[Math.min(index + 1, all.length - 1)]); break;
      case 'k': focusRow(all[Math.max(index - 1, 0)]); break;
      case 'o': if (row && row.querySelector('a.open-post')) { row.querySelector('a.open-post').click(); } break;
      case 'x': if (row) { var box = row.querySelector('input[type=checkbox]'); if (box) { box.checked = !box.checked; } } break;
      case 'n': if (row) { var form = row.querySelector('form.quick-dismiss'); if (form && window.confirm(form.getAttribute('data-confirm'))) { form.submit(); } } break;
      case '/': var first = document.getElementById('account'); if (first) { first.focus(); } break;
      default: return;
    }
    event.preventDefault();
  });

  // Live updates: new flagged posts arrive as server-sent events; on the unfiltered first page their rows are
  // inserted, otherwise the status line says how many arrived.
  if (!window.EventSource) { return; }
  var content = document.querySelector('[data-live]');
  var insert = content && content.getAttribute('data-live') === 'on';
  var status = document.getElementById('live-status');
  var missed = 0;
  var source = new EventSource('/ui/moderation/live');
  source.addEventListener('flagged', function (event) {
    var postId = event.data;
    if (document.getElementById('post-' + postId)) { return; }
    if (!insert) {
      missed += 1;
      status.textContent = missed + (missed === 1 ? ' new flagged post' : ' new flagged posts') + ' since the page was loaded: clear the filters to see them.';
      return;
    }
    fetch('/ui/moderation/posts/' + encodeURIComponent(postId) + '/row', { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html || document.getElementById('post-' + postId)) { return; }
        var empty = rows.querySelector('tr.empty');
        if (empty) { empty.remove(); }
        rows.insertAdjacentHTML('afterbegin', html.trim());
        var added = document.getElementById('post-' + postId);
        if (added) { added.classList.add('new'); }
        status.textContent = 'A new post was flagged and added at the top of the list.';
      });
  });
  window.addEventListener('pagehide', function () { source.close(); });
})();
