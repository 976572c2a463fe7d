// Live score of the sustainability survey form. A mirror of reintegration/scoring.py (the server's
// score is the one stored): weighted means computed exactly with integers (BigInt fractions), each
// shown score rounded once to 3 places, half up; "don't know" (no score) leaves a question out;
// the composite needs a score in every dimension.
(function () {
  const source = document.getElementById("scheme-data");
  const form = document.getElementById("survey-form");
  if (!source || !form) return;
  const scheme = JSON.parse(source.textContent);

  // "0.667" → 667n at 3 places; "1.5" → 15000n at 4 places.
  function scaled(text, places) {
    const [whole, fraction = ""] = String(text).split(".");
    return BigInt(whole + fraction.padEnd(places, "0").slice(0, places));
  }
  // A fraction n/d (thousandths) rounded half up to an integer number of thousandths.
  const roundHalfUp = (n, d) => (2n * n + d) / (2n * d);
  const format = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  });
  const show = (thousandths) => format.format(Number(thousandths) / 1000); // exact: 3 places already

  function compute() {
    const sums = {};
    scheme.dimensions.forEach((d) => (sums[d.key] = { num: 0n, den: 0n }));
    let answered = 0;
    for (const [code, q] of Object.entries(scheme.questions)) {
      const chosen = form.querySelector(`input[name="q-${CSS.escape(code)}"]:checked`);
      if (!chosen) continue;
      answered += 1; // "don't know" is an answer, though not a score
      const score = q.options[chosen.value];
      if (score === null || score === undefined) continue;
      const w = scaled(q.weight, 4);
      sums[q.dimension].num += w * scaled(score, 3);
      sums[q.dimension].den += w;
    }
    const result = { dimensions: {}, composite: null, band: null, answered };
    let num = 0n, den = 0n, complete = true;
    // composite = Σ W·(n_d/d_d) / Σ W, over one common denominator
    const product = scheme.dimensions.reduce((p, d) => (sums[d.key].den > 0n ? p * sums[d.key].den : p), 1n);
    for (const d of scheme.dimensions) {
      const s = sums[d.key];
      if (s.den === 0n) { result.dimensions[d.key] = null; complete = false; continue; }
      result.dimensions[d.key] = roundHalfUp(s.num, s.den);
      const W = scaled(d.weight, 4);
      num += W * s.num * (product / s.den);
      den += W * product;
    }
    if (complete && den > 0n) {
      result.composite = roundHalfUp(num, den);
      let best = null;
      for (const b of scheme.bands) {
        const lower = scaled(b.lower, 3);
        if (lower <= result.composite && (best === null || lower >= scaled(best.lower, 3))) best = b;
      }
      result.band = best;
    }
    return result;
  }

  function render() {
    const r = compute();
    for (const d of scheme.dimensions) {
      const value = r.dimensions[d.key];
      form.querySelector(`[data-live-dimension="${d.key}"]`).textContent = value === null ? "—" : show(value);
      form.querySelector(`[data-live-bar="${d.key}"]`).style.width = value === null ? "0%" : `${Number(value) / 10}%`;
    }
    document.getElementById("live-composite").textContent = r.composite === null ? "—" : show(r.composite);
    document.getElementById("live-band").textContent = r.band ? r.band.label : "";
    document.getElementById("live-answered").textContent = r.answered;
  }

  form.addEventListener("change", render);
  render();
})();
