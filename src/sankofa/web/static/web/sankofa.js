// Formsets: "add" buttons clone the empty form of a formset (a <template>), numbering it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty`);
  const index = parseInt(total.value, 10);
  const html = template.innerHTML.replaceAll("__prefix__", index).replaceAll("__number__", index + 1);
  const forms = document.getElementById(`${prefix}-forms`);
  forms.insertAdjacentHTML("beforeend", html);
  if (window.htmx) window.htmx.process(forms.lastElementChild); // live checks in the new form
  total.value = index + 1;
  const first = document.querySelector(`#${prefix}-forms > :last-child input:not([type=hidden])`);
  if (first) first.focus();
});

// Selects that submit their form when changed (language switch, filters): no inline handlers, which
// the Content-Security-Policy refuses.
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.requestSubmit();
});

// htmx requests that must not fire for some fields inside their element (the duplicate check ignores
// its own "review" ticks): data-htmx-ignore-from names the field prefix. An hx-trigger filter would
// do the same, but htmx evaluates those as JavaScript strings, which the Content-Security-Policy refuses.
document.addEventListener("htmx:confirm", (event) => {
  const prefix = event.detail.elt.dataset.htmxIgnoreFrom;
  const source = event.detail.triggeringEvent && event.detail.triggeringEvent.target;
  if (prefix && source && source.name && source.name.startsWith(prefix)) event.preventDefault();
});
