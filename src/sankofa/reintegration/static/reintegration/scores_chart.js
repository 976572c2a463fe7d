// One returnee's sustainability scores over time: composite and the three dimensions, on 0–1.
(function () {
  const source = document.getElementById("scores-data");
  const canvas = document.getElementById("scores-chart");
  if (!source || !canvas || !window.Chart) return;
  const d = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: d.labels,
      datasets: d.series.map((s, i) => ({ label: s.label, data: s.data, borderWidth: i === 0 ? 3 : 1.5, spanGaps: true })),
    },
    options: { scales: { y: { min: 0, max: 1 } } },
  });
})();
