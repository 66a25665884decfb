// attache: small enhancements. Every page works without this file.
(function () {
  'use strict';
  var root = document.documentElement;

  // Font size: apply at once and remember in a cookie the server reads.
  document.querySelectorAll('form.fontsize').forEach(function (form) {
    form.addEventListener('click', function (ev) {
      var btn = ev.target.closest('button[name="fs"]');
      if (!btn) return;
      ev.preventDefault();
      var size = btn.value;
      root.classList.remove('fs-small', 'fs-normal', 'fs-large');
      root.classList.add('fs-' + size);
      document.cookie = 'fs=' + size + '; path=/; max-age=31536000; SameSite=Lax';
      try { localStorage.setItem('attache-fs', size); } catch (e) { /* private mode */ }
      form.querySelectorAll('button[name="fs"]').forEach(function (b) {
        b.setAttribute('aria-pressed', b === btn ? 'true' : 'false');
      });
    });
  });

  // Record items: choosing one marks its evidence in the text.
  function select(id, card) {
    document.querySelectorAll('.ev.hl').forEach(function (el) { el.classList.remove('hl'); });
    document.querySelectorAll('a.item[aria-current]').forEach(function (el) { el.removeAttribute('aria-current'); });
    var marks = document.querySelectorAll('.ev[data-h~="' + id + '"]');
    marks.forEach(function (el) { el.classList.add('hl'); });
    if (card) card.setAttribute('aria-current', 'true');
    // Count passages: runs of marked stretches with nothing unmarked between them.
    var passages = 0;
    marks.forEach(function (el) {
      var prev = el.previousSibling;
      while (prev && prev.nodeType === 1 && prev.classList.contains('anchor')) prev = prev.previousSibling;
      if (!(prev && prev.nodeType === 1 && prev.classList.contains('hl'))) passages += 1;
    });
    var status = document.getElementById('hl-status');
    if (status) status.textContent = passages ? passages + (passages === 1 ? ' passage' : ' passages') + ' highlighted' : 'No passage for this item';
    if (marks.length) marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (history.replaceState) {
      var url = new URL(location.href);
      url.searchParams.set('hl', id);
      url.hash = '';
      history.replaceState(null, '', url);
    }
  }
  document.querySelectorAll('a.item[data-item]').forEach(function (card) {
    card.addEventListener('click', function (ev) {
      ev.preventDefault();
      select(card.getAttribute('data-item'), card);
    });
  });

  // Print button on the print view.
  var printBtn = document.getElementById('print-now');
  if (printBtn) {
    printBtn.hidden = false;
    printBtn.addEventListener('click', function () { window.print(); });
  }

  // Upload: show the chosen file's name.
  var file = document.getElementById('file');
  if (file) file.addEventListener('change', function () {
    var out = document.getElementById('file-name');
    if (out) out.textContent = file.files.length ? file.files[0].name : '';
  });
})();
