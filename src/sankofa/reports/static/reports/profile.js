// Migrant profile: age/sex pyramid (Chart.js horizontal bars, the first sex to the left). The cells
// are the protected ones of the table beside it: suppressed cells (null) are drawn as 0, never as
// their exact value, and the tooltip says "<threshold".
(function () {
  const data = JSON.parse(document.getElementById("profile-data").textContent);
  const canvas = document.getElementById("pyramid-chart");
  if (!window.Chart || !canvas || !data.groups.length) return;
  const colours = ["#7a3e12", "#2f6f8f", "#6b8e23", "#8e44ad"];
  const datasets = data.sexes.map((label, s) => ({
    label: label,
    data: data.values.map((row) => (row[s] === null ? 0 : row[s]) * (s === 0 ? -1 : 1)),
    suppressed: data.values.map((row) => row[s] === null),
    backgroundColor: colours[s % colours.length],
  }));
  canvas.chart = new Chart(canvas.getContext("2d"), {
    type: "bar",
    data: { labels: data.groups, datasets: datasets },
    options: {
      indexAxis: "y",
      scales: {
        x: { stacked: true, ticks: { callback: (v) => Math.abs(v) } },
        y: { stacked: true, reverse: true },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (ctx) =>
              ctx.dataset.label + ": " +
              (ctx.dataset.suppressed[ctx.dataIndex] ? "<" + data.threshold : Math.abs(ctx.raw)),
          },
        },
      },
    },
  });
  canvas.dataset.ready = "1";
})();
