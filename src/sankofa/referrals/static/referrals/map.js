// Choropleth of service providers per country (chartjs-chart-geo, Natural Earth 110m boundaries
// keyed by ISO 3166 numeric codes, like core.Country.numeric).
(function () {
  const canvas = document.getElementById("provider-map");
  if (!canvas || !window.Chart || !window.ChartGeo) return;
  const rows = JSON.parse(document.getElementById("provider-data").textContent);
  const byNumeric = new Map(rows.map((r) => [String(r.numeric).padStart(3, "0"), r.providers]));
  fetch(canvas.dataset.atlas)
    .then((r) => r.json())
    .then((world) => {
      const countries = ChartGeo.topojson.feature(world, world.objects.countries).features
        .filter((f) => f.properties.name !== "Antarctica");
      canvas.chart = new Chart(canvas.getContext("2d"), {
        type: "choropleth",
        data: {
          labels: countries.map((f) => f.properties.name),
          datasets: [{
            label: canvas.dataset.label,
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
      canvas.dataset.ready = "1";
    });
})();
