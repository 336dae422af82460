// History: draw the pain trend with Chart.js from the data the page embeds (json_script).
// Without JavaScript the page shows the numbers table open and no chart box; once the chart is
// drawn, the box is shown and the table folds away behind its "Show the numbers" summary.
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };
  var canvas = document.getElementById("pain-chart");
  var source = document.getElementById("pain-data");
  if (!canvas || !source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  // The words and the names of months and weekdays come with the data, in the page's language
  // (journal/views/history_page.py: _chart_words), and dates are written in its named formats.
  var words = data.words;
  function parts(iso) {
    var p = iso.split("-");
    return { year: +p[0], month: +p[1], day: +p[2] };
  }
  // A date in a Django format: the letters the project's formats use (j d n m Y D l M F b), "\x"
  // for a letter written as itself; any other character as itself.
  function write(format, iso) {
    var d = parts(iso);
    var weekday = (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7; // Monday 0
    var fields = {
      j: String(d.day),
      d: (d.day < 10 ? "0" : "") + d.day,
      n: String(d.month),
      m: (d.month < 10 ? "0" : "") + d.month,
      Y: String(d.year),
      D: words.weekdays_abbr[weekday],
      l: words.weekdays[weekday],
      M: words.months_3[d.month - 1],
      F: words.months[d.month - 1],
      b: words.months_3[d.month - 1].toLowerCase(),
    };
    var out = "";
    for (var i = 0; i < format.length; i++) {
      var c = format.charAt(i);
      if (c === "\\" && i + 1 < format.length) {
        out += format.charAt(++i);
      } else {
        out += Object.prototype.hasOwnProperty.call(fields, c) ? fields[c] : c;
      }
    }
    return out;
  }
  // Labels read as "3 Nov" in the page's order, with the year when the period runs over more
  // than one.
  var first = data.labels.length ? parts(data.labels[0]).year : 0;
  var last = data.labels.length ? parts(data.labels[data.labels.length - 1]).year : 0;
  var withYear = first !== last;
  function shortDate(iso) {
    return write(withYear ? words.formats.date : words.formats.day_month, iso);
  }
  function longDate(iso) {
    return write(words.formats.long, iso);
  }
  var box = canvas.closest(".chart-box");
  if (box) box.hidden = false;
  var table = document.querySelector("[data-testid=pain-table]");
  if (table) table.open = false;
  // Colours from the page's CSS custom properties (static/css/dark.css), so the chart follows
  // the light or dark colour mode; redrawn when the system setting changes (static/js/theme.js).
  var style = getComputedStyle(document.documentElement);
  function colour(name, fallback) {
    return style.getPropertyValue(name).trim() || fallback;
  }
  var DAILY = colour("--bc-chart-daily", "#0b6e4f");
  var AVERAGE = colour("--bc-chart-average", "#1d4ed8");
  var REST = colour("--bc-chart-rest", "#b45309");
  var datasets;
  if (data.unit === "week") {
    // Periods longer than a year: one point per week, the week's average (the table shows the same).
    datasets = [
      { key: "weekly", label: words.weekly, data: data.pain, borderColor: AVERAGE, borderWidth: 2, pointRadius: 1.5, pointBackgroundColor: AVERAGE, spanGaps: false, tension: 0.25 },
    ];
  } else {
    var rest = new Set(data.rest);
    var rough = new Set(data.rough);
    var marks = data.labels.map(function (day) {
      return rest.has(day) || rough.has(day) ? 0 : null;
    });
    var many = data.labels.length > 120;
    datasets = [
      { key: "daily", label: words.daily, data: data.pain, showLine: false, pointRadius: many ? 1.5 : 3.5, pointBackgroundColor: DAILY, borderColor: DAILY },
      { key: "average", label: words.average, data: data.average, borderColor: AVERAGE, borderWidth: 2.5, pointRadius: 0, spanGaps: false, tension: 0.25 },
      { key: "marked", label: words.marked, data: marks, showLine: false, pointStyle: "triangle", pointRadius: many ? 2 : 5, pointBackgroundColor: REST, borderColor: REST },
    ];
  }
  var TEXT = colour("--bc-chart-text", "#495057");
  var GRID = colour("--bc-chart-grid", "rgba(0, 0, 0, 0.1)");
  var chart = new window.Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { min: 0, max: 10, ticks: { stepSize: 2, color: TEXT }, grid: { color: GRID }, title: { display: true, text: words.axis, color: TEXT } },
        x: { grid: { color: GRID }, ticks: { color: TEXT, maxTicksLimit: 6, autoSkip: true, callback: function (value) { return shortDate(this.getLabelForValue(value)); } } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, color: TEXT } },
        tooltip: { callbacks: { title: function (items) { return data.unit === "week" ? words.week_of.replace("%(day)s", shortDate(items[0].label)) : longDate(items[0].label); } } },
      },
    },
  });
  document.addEventListener("backcare:theme", function () {
    style = getComputedStyle(document.documentElement);
    var text = colour("--bc-chart-text", TEXT);
    var grid = colour("--bc-chart-grid", GRID);
    var o = chart.options;
    o.scales.x.ticks.color = o.scales.y.ticks.color = o.scales.y.title.color = o.plugins.legend.labels.color = text;
    o.scales.x.grid.color = o.scales.y.grid.color = grid;
    var average = colour("--bc-chart-average", AVERAGE);
    chart.data.datasets.forEach(function (set) {
      var c = set.key === "daily" ? colour("--bc-chart-daily", DAILY) : set.key === "marked" ? colour("--bc-chart-rest", REST) : average;
      set.borderColor = c;
      set.pointBackgroundColor = c;
    });
    chart.update();
  });
})();
