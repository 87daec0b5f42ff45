// The placement map's filters (spotlint/map/html.py inlines it): job, pool, rule.
(function () {
  var job = document.getElementById('filter-job');
  var pool = document.getElementById('filter-pool');
  var rule = document.getElementById('filter-rule');
  var count = document.getElementById('filter-count');
  function has(list, value) { return (' ' + (list || '') + ' ').indexOf(' ' + value + ' ') >= 0; }
  function apply() {
    var j = job.value, p = pool.value, r = rule.value, shown = 0;
    var keepPools = {};
    document.querySelectorAll('article.job').forEach(function (el) {
      var ok = (!j || el.dataset.job === j) && (!p || has(el.dataset.pools, p)) &&
               (!r || has(el.dataset.rules, r));
      el.classList.toggle('hidden', !ok);
      if (ok) {
        shown++;
        (el.dataset.pools || '').split(' ').forEach(function (x) { keepPools[x] = 1; });
      }
    });
    document.querySelectorAll('article.pool').forEach(function (el) {
      var ok = (!p || el.dataset.pool === p) && (!r || has(el.dataset.rules, r) || keepPools[el.dataset.pool]) &&
               (!j || keepPools[el.dataset.pool]);
      el.classList.toggle('hidden', !ok);
    });
    document.querySelectorAll('.svg-job').forEach(function (el) {
      var card = document.getElementById(el.dataset.job);
      el.classList.toggle('faded', !!card && card.classList.contains('hidden'));
    });
    document.querySelectorAll('.svg-pool').forEach(function (el) {
      var card = document.getElementById(el.dataset.pool);
      el.classList.toggle('faded', !!card && card.classList.contains('hidden'));
    });
    document.querySelectorAll('.edge').forEach(function (el) {
      var card = document.getElementById(el.dataset.job);
      var off = (card && card.classList.contains('hidden')) || (p && el.dataset.pool !== p);
      el.classList.toggle('faded', !!off);
    });
    document.querySelectorAll('section.cluster').forEach(function (el) {
      var any = el.querySelector('article:not(.hidden)') || el.querySelector('li.finding');
      el.classList.toggle('hidden', !!(j || p || r) && !any);
    });
    count.textContent = (j || p || r) ? shown + ' jobs shown' : '';
  }
  [job, pool, rule].forEach(function (el) { el.addEventListener('change', apply); });
  apply();
})();
