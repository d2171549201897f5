// Runs before the first paint (a classic script in <head>): draws the page in the theme the
// person chose last time (Settings → Theme, remembered by client/src/lib/theme.ts), so a dark
// theme never flashes white. The app re-applies the theme the server has once it is signed in.
(function () {
  var choice = 'system';
  try {
    choice = window.localStorage.getItem('cairn.theme') || 'system';
  } catch {
    // storage unavailable: follow the system
  }
  var dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
