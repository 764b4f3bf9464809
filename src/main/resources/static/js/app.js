// Hallmonitor's only script besides htmx: small progressive enhancements. Every page works without it.
(function () {
  'use strict';
  // Copy buttons: <button data-copy="#id"> copies that element's text.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button || !navigator.clipboard) { return; }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (source) {
      navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = 'Copied';
    }
  });
  // Elements with data-hide-after="30" (seconds) are removed after that time (revealed secrets).
  document.querySelectorAll('[data-hide-after]').forEach(function (element) {
    var seconds = parseInt(element.getAttribute('data-hide-after'), 10);
    setTimeout(function () { element.textContent = 'Hidden again. Reveal it once more if you still need it.'; },
      seconds * 1000);
  });
})();
