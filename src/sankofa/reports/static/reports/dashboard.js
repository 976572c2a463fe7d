// Dashboard charts: monthly trend (line) and a choropleth by country (chartjs-chart-geo with the
// Natural Earth 110m boundaries keyed by ISO 3166 numeric codes = core.Country.numeric).
// Suppressed cells (null) are drawn as 0 on the map and as gaps on the trend.
(function () {
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  if (!window.Chart) return;
  const trend = document.getElementById("trend-chart");
  if (trend) {
    trend.chart = new Chart(trend.getContext("2d"), {
      type: "line",
      data: {
        labels: data.trend.map((r) => r[0]),
        datasets: [{ label: trend.dataset.label, data: data.trend.map((r) => r[1]), spanGaps: false, borderColor: "#7a3e12" }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  }
  const map = document.getElementById("country-map");
  if (!map || !window.ChartGeo) return;
  const byNumeric = new Map(data.countries.map((r) => [String(r.numeric).padStart(3, "0"), r.value || 0]));
  fetch(map.dataset.atlas)
    .then((r) => r.json())
    .then((world) => {
      const countries = ChartGeo.topojson.feature(world, world.objects.countries).features
        .filter((f) => f.properties.name !== "Antarctica");
      map.chart = new Chart(map.getContext("2d"), {
        type: "choropleth",
        data: {
          labels: countries.map((f) => f.properties.name),
          datasets: [{
            label: map.dataset.label,
            outline: countries,
            data: countries.map((f) => ({ feature: f, value: byNumeric.get(String(f.id).padStart(3, "0")) || 0 })),
          }],
        },
        options: {
          showOutline: true,
          plugins: { legend: { display: false } },
          scales: {
            projection: { axis: "x", projection: "equalEarth" },
            color: { axis: "x", quantize: 5, legend: { position: "bottom-right", align: "right" } },
          },
        },
      });
      map.dataset.ready = "1";
    });
})();
