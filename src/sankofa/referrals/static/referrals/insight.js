// Charts of the referral insight page: made, acceptance and overdue share per country; declines by reason.
(function () {
  const source = document.getElementById("insight-data");
  if (!source || !window.Chart) return;
  const d = JSON.parse(source.textContent);
  const perCountry = document.getElementById("chart-countries");
  if (perCountry) {
    new Chart(perCountry, {
      data: {
        labels: d.countries,
        datasets: [
          { type: "bar", label: d.labels.made, data: d.made, yAxisID: "count" },
          { type: "line", label: d.labels.acceptance, data: d.acceptance, yAxisID: "percent" },
          { type: "line", label: d.labels.overdue, data: d.overdue, yAxisID: "percent" },
        ],
      },
      options: {
        scales: {
          count: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 } },
          percent: { type: "linear", position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } },
        },
      },
    });
  }
  const declines = document.getElementById("chart-declines");
  if (declines && d.declines.counts.length) {
    new Chart(declines, {
      type: "doughnut",
      data: { labels: d.declines.labels, datasets: [{ data: d.declines.counts }] },
    });
  }
})();
