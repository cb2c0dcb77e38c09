// Progressive enhancement only: the page works without this file. When a page answers a
// form with a status message, move focus there so keyboard and screen-reader users start
// reading where the new content begins.
document.addEventListener('DOMContentLoaded', () => {
  const status = document.querySelector('[role="status"]');
  if (status instanceof HTMLElement) {
    status.setAttribute('tabindex', '-1');
    status.focus();
  }
});
